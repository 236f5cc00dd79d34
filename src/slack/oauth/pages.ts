/** The small HTML pages of the install flow: our own words, Slack's names escaped, never an error's details. */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
h1{color:#1d3557;font-size:1.6rem}code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

/** GET /slack/install: the "Add to Slack" button, pointing at Slack's authorize URL with a state. */
export function installPage(authorizeUrl: string): string {
  return page(
    'Install STAR Coach',
    `<p>STAR Coach helps people in your workspace practise behavioural interview answers in the STAR format, in a
private DM with the app.</p>
<p><a href="${escapeHtml(authorizeUrl)}"><img alt="Add to Slack" height="40" width="139"
src="https://platform.slack-edge.com/img/add_to_slack.png"
srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>`,
  );
}

/** The install went through. */
export function successPage(workspaceName: string | null): string {
  const where = workspaceName ? ` in ${escapeHtml(workspaceName)}` : '';
  return page(
    'STAR Coach is installed',
    `<p>STAR Coach is ready${where}. To start practising, type <code>/star-practice</code> in Slack, or open
<strong>STAR Coach</strong> under <strong>Apps</strong> in the sidebar: its <strong>Home</strong> tab shows your
progress and what to practise next.</p>
<p>You can close this page.</p>`,
  );
}

export interface FailurePage {
  status: number;
  html: string;
}

const START_AGAIN =
  '<p>Start again from the <a href="/slack/install">install page</a> of this server, in the same browser.</p>';

export const cancelledPage = (): FailurePage => ({
  status: 200,
  html: page(
    'Installation cancelled',
    `<p>STAR Coach was not installed: the installation was cancelled in Slack. Nothing was changed.</p>${START_AGAIN}`,
  ),
});

export const invalidStatePage = (): FailurePage => ({
  status: 400,
  html: page(
    'This install link is not valid',
    `<p>The link back from Slack did not carry this browser's install session (it expired after 10 minutes, was
opened in another browser, or was altered), so STAR Coach was not installed.</p>${START_AGAIN}`,
  ),
});

export const missingStatePage = (): FailurePage => ({
  status: 400,
  html: page(
    'This install link is not valid',
    `<p>The link back from Slack has no install session, so STAR Coach was not installed.</p>${START_AGAIN}`,
  ),
});

export const notEnterprisePage = (): FailurePage => ({
  status: 400,
  html: page(
    'Install from the install page',
    `<p>Installs that do not start from this server's install page are accepted only for organisation-wide
(Enterprise Grid) installs. STAR Coach was not installed in this workspace.</p>${START_AGAIN}`,
  ),
});

export const missingCodePage = (): FailurePage => ({
  status: 400,
  html: page(
    'Slack did not complete the installation',
    `<p>The link back from Slack has no authorization code, so STAR Coach was not installed.</p>${START_AGAIN}`,
  ),
});

export const failedPage = (reason: string): FailurePage => ({
  status: 502,
  html: page(
    'The installation did not complete',
    `<p>Slack did not complete the installation (${escapeHtml(reason)}), so STAR Coach was not installed. Nothing was
changed.</p>${START_AGAIN}`,
  ),
});
