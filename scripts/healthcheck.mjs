// The container's HEALTHCHECK: exits 0 when this instance's GET /healthz answers 200 (the database answers and, in
// Socket Mode, Slack is connected), 1 otherwise. Plain Node: the runtime image has no curl.
const port = process.env.PORT || '3000';
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  const body = await res.text();
  if (res.status !== 200) console.error(`GET /healthz answered ${res.status}: ${body}`);
  process.exit(res.status === 200 ? 0 : 1);
} catch (error) {
  console.error(`GET /healthz did not answer on port ${port}: ${error.message}`);
  process.exit(1);
}
