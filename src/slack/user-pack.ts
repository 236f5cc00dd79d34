import type { ContentBank, Pack } from '../content/load.ts';
import { findPack, packBank, packIdFor } from '../content/packs.ts';
import type { UserKey, UserProfile } from '../store/types.ts';
import type { CoachDeps } from './coach.ts';

/** A person's settings and the pack they practise, with the bank seen through that pack (list, progress, Home). */
export interface PackView {
  user: UserProfile | null;
  pack: Pack;
  bank: ContentBank;
}

export async function packViewFor(deps: Pick<CoachDeps, 'store' | 'bank'>, key: UserKey): Promise<PackView> {
  const user = await deps.store.getUser(key);
  const packId = packIdFor(deps.bank, user?.pack);
  return { user, pack: findPack(deps.bank, packId)!, bank: packBank(deps.bank, packId) };
}
