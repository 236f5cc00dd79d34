/** Independent checks of Slack's Block Kit limits, for asserting on anything the app renders. */
const LIMITS = {
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  actionsElements: 25,
};

interface AnyBlock {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  elements?: { type: string; text?: string | { text: string }; action_id?: string; value?: string }[];
  accessory?: { type: string; text?: { text: string }; action_id?: string; value?: string };
}

function checkButton(
  where: string,
  button: { text?: string | { text: string }; action_id?: string; value?: string },
  problems: string[],
) {
  const label = typeof button.text === 'string' ? button.text : (button.text?.text ?? '');
  if (label.length === 0 || label.length > LIMITS.buttonText)
    problems.push(`${where}: button text ${label.length}`);
  if (!button.action_id || button.action_id.length > LIMITS.id) problems.push(`${where}: action_id`);
  if ((button.value ?? '').length > LIMITS.buttonValue) problems.push(`${where}: button value too long`);
}

/** Static selects: a placeholder, 1 to 100 options of at most 75 characters, values of at most 150. */
function checkSelect(where: string, element: unknown, problems: string[]) {
  const select = element as {
    type: string;
    action_id?: string;
    placeholder?: { text: string };
    options?: { text: { text: string }; value: string }[];
  };
  if (select.type !== 'static_select') {
    problems.push(`${where}: unexpected element ${select.type}`);
    return;
  }
  if (!select.action_id || select.action_id.length > LIMITS.id) problems.push(`${where}: action_id`);
  const options = select.options ?? [];
  if (options.length === 0 || options.length > 100) problems.push(`${where}: ${options.length} options`);
  for (const option of options) {
    if (option.text.text.length === 0 || option.text.text.length > 75) problems.push(`${where}: option text`);
    if (option.value.length > 150) problems.push(`${where}: option value too long`);
  }
  if (!select.placeholder?.text || select.placeholder.text.length > 150)
    problems.push(`${where}: placeholder`);
}

/** Every limit a list of blocks breaks; empty when all is well. */
export function blockKitProblems(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  (blocks as AnyBlock[]).forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    if (block.block_id && block.block_id.length > LIMITS.id) problems.push(`${where}: block_id too long`);
    if (block.block_id && blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id`);
    if (block.block_id) blockIds.add(block.block_id);
    if (block.type === 'section') {
      const text = block.text?.text ?? '';
      if (text.length === 0 || text.length > LIMITS.sectionText)
        problems.push(`${where}: text length ${text.length}`);
      if (block.accessory?.type === 'button') checkButton(where, block.accessory, problems);
    }
    if (block.type === 'header') {
      const text = block.text?.text ?? '';
      if (block.text?.type !== 'plain_text') problems.push(`${where}: header must be plain_text`);
      if (text.length === 0 || text.length > LIMITS.headerText)
        problems.push(`${where}: header length ${text.length}`);
    }
    if (block.type === 'actions') {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > LIMITS.actionsElements)
        problems.push(`${where}: ${elements.length} elements`);
      actionIds.clear();
      for (const element of elements) {
        if (element.type === 'button') checkButton(where, element, problems);
        else checkSelect(where, element, problems);
        if (element.action_id && actionIds.has(element.action_id))
          problems.push(`${where}: duplicate action_id`);
        if (element.action_id) actionIds.add(element.action_id);
      }
    }
    if (block.type === 'context') {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > 10)
        problems.push(`${where}: ${elements.length} context elements`);
      for (const element of elements) {
        const text = typeof element.text === 'string' ? element.text : '';
        if (text.length > LIMITS.sectionText) problems.push(`${where}: context text ${text.length}`);
      }
    }
  });
  return problems;
}

/** Text that would ping or link someone if Slack read it as mrkdwn. */
export const UNESCAPED_MENTION = /<[!@#]/;
