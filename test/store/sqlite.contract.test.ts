import { sqliteContract } from './contract/harness.ts';
import { inboxContract } from './contract/inbox.ts';
import { installationsContract } from './contract/installations.ts';
import { instancesContract } from './contract/instances.ts';
import { outboxContract } from './contract/outbox.ts';
import { privacyContract } from './contract/privacy.ts';
import { sessionsContract } from './contract/sessions.ts';
import { storiesContract } from './contract/stories.ts';

sqliteContract([
  sessionsContract,
  outboxContract,
  inboxContract,
  privacyContract,
  storiesContract,
  instancesContract,
  installationsContract,
]);
