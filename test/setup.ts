// Loaded before every test file: nock patches globalThis.fetch here, before any
// Slack WebClient captures it. Only Slack's Web API is faked; loopback stays open
// so tests can send real signed requests to the app's own receiver.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
