import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

/**
 * The baseline for the ack benchmark: a Bolt app in HTTP mode, configured like ours (same receiver, known bot
 * ids, a health route), that acknowledges slash commands and does nothing else. Events are acknowledged by Bolt.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const receiver = new HTTPReceiver({
  signingSecret: env('SLACK_SIGNING_SECRET'),
  logLevel: LogLevel.WARN,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});

const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  botId: env('SLACK_BOT_ID'),
  botUserId: env('SLACK_BOT_USER_ID'),
  tokenVerificationEnabled: false,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  receiver,
});

app.command(/.*/, async ({ ack }) => {
  await ack();
});

await app.start(Number(env('PORT')));
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
