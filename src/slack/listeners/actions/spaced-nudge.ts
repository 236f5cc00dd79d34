import { findPrinciple } from '../../../coach/resolve.ts';
import { snoozeUntil } from '../../../coach/spaced-nudges.ts';
import { type CoachDeps, logFailure, queueReply, startInDm } from '../../coach.ts';
import { publishHome } from '../../home.ts';
import { renderText } from '../../render/message.ts';
import { setNudges } from '../../spaced.ts';
import { SPACED_ACTION } from '../../spaced-action-ids.ts';
import { type ActionArgs, actionUserKey, answeredMessage } from './payload.ts';

const note = async (deps: CoachDeps, args: ActionArgs, text: string): Promise<void> => {
  await args.respond(answeredMessage(args.body, text)).catch((error: unknown) => {
    logFailure(deps, 'Updating the clicked nudge', actionUserKey(args.body), error);
  });
};

/** Practise now / Snooze / Stop these under a nudge, Yes / No under the offer, and the Home tab's nudge settings. */
export async function spacedNudge(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const id = args.action.action_id;
  const fromHome = args.body.container?.type === 'view';
  try {
    if (id === SPACED_ACTION.practiseNow) {
      const dm = await deps.slackFor(key.workspaceId).openDm(key.userId);
      const principle = findPrinciple(deps.bank, args.action.value ?? '');
      const outcome = await startInDm(
        deps,
        key,
        dm,
        principle ? { kind: 'principle', principleId: principle.id } : { kind: 'recommended' },
      );
      if (outcome.kind === 'error') await queueReply(deps, key, dm, renderText(outcome.message));
      if (!fromHome) await note(deps, args, ':arrow_forward: Practising now');
      return;
    }
    if (id === SPACED_ACTION.snooze) {
      const user = await deps.store.getUser(key);
      const until = snoozeUntil(deps.clock(), user?.timeZone ?? 'UTC');
      await deps.store.spaced.saveNudges(key, { snoozedUntil: until }, deps.clock());
      return note(deps, args, `:zzz: Snoozed until your nudge time on ${until}`);
    }
    if (id === SPACED_ACTION.stop || id === SPACED_ACTION.offerNo || id === SPACED_ACTION.homeOff) {
      await setNudges(deps, key, { enabled: false });
      if (fromHome) return publishHome(deps, key);
      return note(
        deps,
        args,
        id === SPACED_ACTION.offerNo
          ? 'No nudges. `/star-practice nudges on` turns them on later.'
          : ':no_bell: Nudges stopped. `/star-practice nudges on` turns them back on.',
      );
    }
    if (id === SPACED_ACTION.offerYes || id === SPACED_ACTION.homeOn) {
      await setNudges(deps, key, { enabled: true });
      if (fromHome) return publishHome(deps, key);
      return note(
        deps,
        args,
        ':bell: Nudges on: 09:00 your time on days something is due, at most 3 a week.',
      );
    }
    if (id.startsWith(SPACED_ACTION.homeTimePrefix)) {
      const minutes = Number(args.action.value);
      if (!Number.isInteger(minutes)) return;
      await setNudges(deps, key, { enabled: true, minutes });
      return publishHome(deps, key);
    }
    deps.logger.warn(`Ignored an unknown nudge button ${id.slice(0, 60)} from user ${key.userId}.`);
  } catch (error) {
    logFailure(deps, `The nudge button ${id.slice(0, 60)}`, key, error);
  }
}
