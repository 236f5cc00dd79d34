import type { ContentBank, Pack } from './load.ts';
import type { Question } from './schema.ts';

export function findPack(bank: ContentBank, id: string): Pack | undefined {
  return bank.packs.find((p) => p.id === id);
}

/** The pack a principle belongs to. */
export function packOfPrinciple(bank: ContentBank, principleId: string): Pack | undefined {
  return bank.packs.find((p) => p.principles.some((x) => x.id === principleId));
}

/** The same bank seen through one pack: its principles and questions only (general guidance is shared). */
export function packBank(bank: ContentBank, packId: string): ContentBank {
  const pack = findPack(bank, packId);
  const principles = pack?.principles ?? [];
  const ids = new Set(principles.map((p) => p.id));
  return { ...bank, principles, questions: bank.questions.filter((q) => ids.has(q.principle)) };
}

/** Where a question's file lives, relative to the content folder. */
export function questionFile(bank: ContentBank, q: Question): string {
  const pack = packOfPrinciple(bank, q.principle);
  return `packs/${pack?.id ?? '?'}/questions/${q.id}.yaml`;
}

/** The pack a person practises: their own choice while it exists, else the workspace's default. */
export function packIdFor(bank: ContentBank, chosen: string | null | undefined): string {
  return chosen && findPack(bank, chosen) ? chosen : bank.defaultPack;
}

/** DEFAULT_PACK names no pack in the content: the app cannot start. */
export class UnknownPackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownPackError';
  }
}

/** The bank with the workspace's default pack set (DEFAULT_PACK); an unknown id is an error naming the packs. */
export function withDefaultPack(bank: ContentBank, packId: string | null): ContentBank {
  if (packId === null) return bank;
  if (!findPack(bank, packId))
    throw new UnknownPackError(
      `DEFAULT_PACK "${packId}" is not a pack in the content: use one of ${bank.packs.map((p) => p.id).join(', ')}.`,
    );
  return { ...bank, defaultPack: packId };
}
