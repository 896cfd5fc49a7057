// Identify still runs on every connection, but a moment after it opens, so the first
// request does not share the CPU with it (src/net/deferred-identify.ts). The DHT, relay
// and AutoNAT tests show that what identify feeds still works end to end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferIdentify } from '../../../src/net/deferred-identify.ts';

function fakeLibp2p() {
  const events = new EventTarget();
  const identified: string[] = [];
  const libp2p = {
    addEventListener: events.addEventListener.bind(events),
    services: {
      identify: {
        identify: async (connection: { id: string }) => {
          identified.push(connection.id);
          if (connection.id === 'failing') throw new Error('peer hung up');
          return {};
        },
      },
    },
  };
  const open = (connection: { id: string; status: string }) => events.dispatchEvent(new CustomEvent('connection:open', { detail: connection }));
  return { libp2p, identified, open };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('identify runs once per connection after the delay, only on connections still open, and its failures are swallowed', async () => {
  const { libp2p, identified, open } = fakeLibp2p();
  deferIdentify(libp2p as never, 40);
  const closing = { id: 'closing', status: 'open' };
  open({ id: 'a', status: 'open' });
  open(closing);
  open({ id: 'failing', status: 'open' });
  assert.deepEqual(identified, [], 'nothing at once');
  closing.status = 'closed';
  await wait(120);
  assert.deepEqual(identified, ['a', 'failing'], 'the open ones, once each; the closed one skipped');
});
