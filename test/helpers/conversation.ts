import { expect } from 'vitest';
import { dmOf, type FakeSlack, type PostedMessage, until, visibleText } from './fake-slack.ts';
import { sendCommand, sendEvent } from './signed-request.ts';
import type { TestApp } from './slack-app.ts';
import { commandFields, dmEvent } from './slack-payloads.ts';

/** One person talking to a running test app over signed HTTP, as Slack would deliver it. */
export class Conversation {
  constructor(
    private readonly fake: FakeSlack,
    private readonly app: TestApp,
    readonly userId: string,
  ) {}

  get dm(): string {
    return dmOf(this.userId);
  }

  /** Runs a slash command and returns the text of the ephemeral reply it gets. */
  async command(text: string, channel = 'C0GENERAL'): Promise<string> {
    const before = this.fake.responses.length;
    const res = await sendCommand(this.app.url, commandFields(text, this.userId, channel));
    expect(res.status).toBe(200);
    await until(() => this.fake.responses.length > before, `the reply to "${text}"`);
    return String(this.fake.responses[before]!.body.text);
  }

  /** Sends a DM message, waits for a reply matching `expected`, and returns every DM post it caused. */
  async say(text: string, expected: RegExp): Promise<PostedMessage[]> {
    const before = this.fake.postsTo(this.dm).length;
    const res = await sendEvent(this.app.url, dmEvent(this.userId, text));
    expect(res.status).toBe(200);
    await until(
      () =>
        this.fake
          .postsTo(this.dm)
          .slice(before)
          .some((p) => expected.test(visibleText(p))),
      `a reply matching ${expected}`,
    );
    await this.app.slack.deliverer.idle();
    return this.fake.postsTo(this.dm).slice(before);
  }

  /** Like say, and returns the replies' visible text joined by new lines. */
  async sayText(text: string, expected: RegExp): Promise<string> {
    return (await this.say(text, expected)).map(visibleText).join('\n');
  }
}
