import { createRequire } from 'node:module';
import type { App as BoltApp, HTTPReceiver as BoltHTTPReceiver, webApi as BoltWebApi } from '@slack/bolt';

/**
 * The parts of Bolt this app uses, loaded without the rest. Bolt's package entry loads every receiver it ships
 * (Express, AWS Lambda, Socket Mode, OAuth), and its App module alone still loads its two default receivers and,
 * through them, undici, the OAuth package and jsonwebtoken: about 0.4 s of CPU at start-up, in the thread whose
 * start-up the app waits for. This app always gives App a receiver of its own, so those two modules are replaced
 * by stand-ins that load the real receiver when one is first constructed (the in-process HTTP mode of the tests).
 * Bolt 5 has no exports map, so its files can be required directly; `@slack/web-api` is taken from where Bolt
 * resolves it, so `instanceof` checks on its errors see Bolt's own classes.
 */
const require = createRequire(import.meta.url);
const boltEntry = require.resolve('@slack/bolt');
const fromBolt = createRequire(boltEntry);

function loadOnFirstUse(relativePath: string): void {
  const path = fromBolt.resolve(relativePath);
  if (require.cache[path]) return;
  const Module = require('node:module') as new (id: string) => NodeJS.Module;
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = {
    __esModule: true,
    default: function LoadedOnFirstUse(this: unknown, ...args: unknown[]) {
      delete require.cache[path];
      const Real = (require(path) as { default: new (...a: unknown[]) => object }).default;
      Object.assign(standIn.exports, { default: Real });
      return new Real(...args);
    },
  };
  require.cache[path] = standIn;
}

loadOnFirstUse('./receivers/HTTPReceiver.js');
loadOnFirstUse('./receivers/SocketModeReceiver.js');

export const App: typeof BoltApp = fromBolt('./App.js').default;
export type App = BoltApp;
export const HTTPReceiver: typeof BoltHTTPReceiver = fromBolt('./receivers/HTTPReceiver.js').default;
export type HTTPReceiver = BoltHTTPReceiver;
export const webApi: typeof BoltWebApi = fromBolt('@slack/web-api');
export type WebClientOptions = BoltWebApi.WebClientOptions;
