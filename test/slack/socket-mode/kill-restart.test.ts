import { afterEach, describe, it } from 'vitest';
import { killAtRandomInstants } from '../../faults/answer-kills.ts';
import { type BotProcess, startBot } from '../../faults/bot-process.ts';
import { StormSlackServer } from '../../faults/storm-slack-server.ts';
import { FakeSocketMode } from '../../helpers/fake-socket-mode.ts';

// The kill -9 test of test/faults/kill-restart.test.ts, in Socket Mode: the app runs as a real process connected
// to a local Socket Mode server, and "acknowledged" means the server received the envelope's ack. Nothing is sent
// again after a kill.

const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill();
});

describe('kill -9 in Socket Mode, nothing resent', () => {
  it('applies every acknowledged answer exactly once and none twice, killed at random instants', async () => {
    const slack = await new StormSlackServer().start();
    const socket = await new FakeSocketMode().start();
    slack.socketMode = socket;
    try {
      await killAtRandomInstants({
        slack,
        users: 48,
        launch: async (dbPath) => {
          const bot = await startBot(dbPath, slack.apiUrl, { appToken: 'xapp-1-A0APP-0000-kill-test' });
          bots.push(bot);
          return bot;
        },
        send: (bot, request) => {
          const sent =
            request.kind === 'command'
              ? socket.send('slash_commands', request.fields)
              : socket.send('events_api', request.envelope);
          return Promise.race([sent.acked.then(() => true), bot.exited.then(() => false)]);
        },
      });
    } finally {
      await socket.stop();
      await slack.stop();
    }
  }, 900_000);
});
