import type { Question } from '../../src/content/schema.ts';
import type { UserKey } from '../../src/store/types.ts';
import {
  dmOf,
  type FakeSlack,
  type PostedMessage,
  RESPONSE_URL_BASE,
  type SentBlock,
  until,
  visibleText,
} from './fake-slack.ts';
import { sendCommand, sendEvent, sendInteraction } from './signed-request.ts';
import type { TestApp } from './slack-app.ts';
import { buttonClick, commandFields, dmEvent } from './slack-payloads.ts';

/** A reply through response_url, as the fake recorded it. */
export interface Response {
  text?: string;
  blocks?: SentBlock[];
  response_type?: string;
  replace_original?: boolean;
}

let counter = 0;

/**
 * One person in one workspace, talking to the real app over signed HTTP. The shared payload builders use one
 * team id; this rewrites it (and the response URLs, so replies can be told apart) for any workspace.
 */
export class Practiser {
  constructor(
    private readonly app: TestApp,
    private readonly fake: FakeSlack,
    readonly team: string,
    readonly user: string,
  ) {}

  get key(): UserKey {
    return { workspaceId: this.team, userId: this.user };
  }

  get dm(): string {
    return dmOf(this.user);
  }

  private responseUrl(kind: string): string {
    counter += 1;
    return `${RESPONSE_URL_BASE}/${kind}/${this.team}/${this.user}/${counter}`;
  }

  /** Replies sent to one response URL so far. */
  responsesTo(url: string): Response[] {
    const path = new URL(url).pathname;
    return this.fake.responses.filter((r) => r.path === path).map((r) => r.body as Response);
  }

  /** `/star-practice <text>`; waits for `replies` responses (0 when the reply goes to the DM instead). */
  async command(text: string, channel = 'C0GENERAL', replies = 1): Promise<Response[]> {
    const url = this.responseUrl('commands');
    const fields = { ...commandFields(text, this.user, channel), team_id: this.team, response_url: url };
    const res = await sendCommand(this.app.url, fields);
    if (res.status !== 200) throw new Error(`/star-practice ${text} answered ${res.status}`);
    await until(() => this.responsesTo(url).length >= replies, `${replies} reply(ies) to "${text}"`);
    return this.responsesTo(url);
  }

  /** A DM message, without waiting for what it causes. */
  async message(text: string): Promise<void> {
    const envelope = dmEvent(this.user, text);
    const res = await sendEvent(this.app.url, {
      ...envelope,
      team_id: this.team,
      authorizations: [{ ...envelope.authorizations[0], team_id: this.team }],
    });
    if (res.status !== 200) throw new Error(`DM answered ${res.status}`);
  }

  /** A DM message; waits until the app posts something new in the DM that matches, and returns the new posts. */
  async say(text: string, expected: RegExp): Promise<PostedMessage[]> {
    const before = this.fake.postsTo(this.dm).length;
    await this.message(text);
    await until(
      () =>
        this.fake
          .postsTo(this.dm)
          .slice(before)
          .some((p) => expected.test(visibleText(p))),
      `a DM reply matching ${expected}`,
    );
    await this.app.slack.deliverer.idle();
    return this.fake.postsTo(this.dm).slice(before);
  }

  /** Like say, and returns the new posts' visible text joined by new lines. */
  async sayText(text: string, expected: RegExp): Promise<string> {
    return (await this.say(text, expected)).map(visibleText).join('\n');
  }

  /** `/star-practice <text>`; the text of its one reply. */
  async commandText(text: string, channel = 'C0GENERAL'): Promise<string> {
    const [reply] = await this.command(text, channel);
    return String(reply?.text ?? '');
  }

  /** A button click from this person; returns the response URL its replies go to. */
  async click(actionId: string, value: string, channel = 'C0GENERAL'): Promise<string> {
    const url = this.responseUrl('actions');
    const payload = buttonClick(this.user, actionId, value);
    const res = await sendInteraction(this.app.url, {
      ...payload,
      user: { ...payload.user, team_id: this.team },
      team: { id: this.team, domain: 'elsewhere' },
      response_url: url,
      channel: { id: channel, name: 'general' },
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: channel,
        is_ephemeral: true,
      },
    });
    if (res.status !== 200) throw new Error(`click answered ${res.status}`);
    return url;
  }

  /** Answers all five parts of a question and its first follow-up, so every kind of row exists. */
  async practise(question: Question): Promise<void> {
    await this.command(question.id, this.dm, 0);
    await until(() => this.fake.allText(this.dm).includes(question.question), 'the question in the DM');
    await this.app.slack.deliverer.idle();
    await this.say(question.parts.situation.good, /\*Task\*/);
    await this.say(question.parts.task.good, /\*Action\*/);
    await this.say(question.parts.action.good, /\*Result\*/);
    await this.say(question.parts.result.good, /\*Reflection\*/);
    await this.say(question.parts.reflection.good, /Follow-up 1 of/);
    await this.say(question.followUps[0]!.good, /Follow-up 2 of|Session complete/);
  }
}
