import type { ChoiceId } from './types.ts';

export const SESSION_COMMANDS = ['back', 'skip', 'hint', 'status', 'restart', 'stop', 'help'] as const;
export type SessionCommand = (typeof SESSION_COMMANDS)[number];

const END_WORDS = new Map<string, ChoiceId>([
  ['retry', 'retry'],
  ['next', 'next'],
  ['done', 'done'],
]);

/** A message that is exactly one command word (any case, optional leading "/" or "!", trailing punctuation). */
export function parseSessionCommand(text: string): SessionCommand | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/^[/!]/, '')
    .replace(/[.!?]+$/, '');
  return (SESSION_COMMANDS as readonly string[]).includes(word) ? (word as SessionCommand) : undefined;
}

/** Typed equivalents of the end-of-session buttons, for the terminal and for users who type instead of click. */
export function parseEndChoice(text: string): ChoiceId | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  return END_WORDS.get(word);
}

export const HELP_TEXT = [
  'Answer one part per message. Commands:',
  '• back: redo the previous part',
  '• skip: skip this part (or this follow-up)',
  '• hint: the tip and a strong example for this part',
  '• status: where you are in the session',
  '• restart: start this question again from the Situation',
  '• stop: end the session (what you typed stays saved)',
  '• story N: before answering, tell story N of your story bank for this question',
  '• help: this list',
].join('\n');
