// /kith/receipt/1.0.0 over real libp2p on loopback, in one process: a stranger (not a
// contact) is refused NotTrusted before anything is read; a check that fails is answered
// 'refused' with its stable code (final for the vendor's outbox), a fault on the customer's
// side is an error (retried); malformed messages never reach the core.
import { strict as assert } from 'node:assert';
import { test, type TestContext } from 'node:test';
import { z } from 'zod';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../../src/net/node.ts';
import { RECEIPT_ASKING, RECEIPT_PROTOCOL, receiptAnswerSchema, startReceiptProtocol } from '../../../src/net/protocols/receipt/receipt-protocol.ts';
import type { Contact } from '../../../src/trust/contacts.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 };
const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

async function node(t: TestContext): Promise<KithNode> {
  const started = await createKithNode({ owner: OwnerKey.generate(), ...LOOPBACK });
  t.after(() => started.stop());
  await started.handle('/kith/echo/1.0.0', (request) => request, { schema: z.object({}) });
  return started;
}

test('receipt protocol: contacts only; failed checks answered with their code, faults as errors', async (t) => {
  const [customer, shop, stranger] = await Promise.all([node(t), node(t), node(t)]);
  const seen: string[] = [];
  await startReceiptProtocol({
    node: customer,
    contact: async (peerId) => (peerId === shop.peerId ? ({ peerId, did: 'did:key:shop', petname: 'Tea & Co', kind: 'vendor', addrs: [], added: new Date().toISOString() } satisfies Contact) : undefined),
    purchase: async (_sender, credential) => {
      seen.push(String(credential['id']));
      if (credential['id'] === 'forged') throw new KithError('InvalidSignature', 'bad proof');
      if (credential['id'] === 'busy') throw new KithError('Locked', 'the locker is busy');
      return { status: 'stored' };
    },
    deletion: async () => ({ status: 'kept' }),
  });
  for (const peer of [shop, stranger]) await peer.request(customer.multiaddrs()[0]!, '/kith/echo/1.0.0', {});
  const ask = (from: KithNode, message: unknown) => from.request(customer.peerId, RECEIPT_PROTOCOL, message, { responseSchema: receiptAnswerSchema, ...RECEIPT_ASKING });

  assert.deepEqual(await ask(shop, { type: 'purchase', credential: { id: 'ok' } }), { status: 'stored' });
  assert.deepEqual(await ask(shop, { type: 'deletion', receipt: { id: 'd' } }), { status: 'kept' });
  assert.deepEqual(await ask(shop, { type: 'purchase', credential: { id: 'forged' } }), { status: 'refused', code: 'InvalidSignature' });
  await assert.rejects(ask(shop, { type: 'purchase', credential: { id: 'busy' } }), isCode('Locked'), 'a fault is retried, not refused');
  await assert.rejects(ask(stranger, { type: 'purchase', credential: { id: 'stranger' } }), isCode('NotTrusted'));
  await assert.rejects(ask(shop, { type: 'purchase' }), isCode('InvalidInput'), 'no credential');
  await assert.rejects(ask(shop, { type: 'purchase', credential: { id: 'x' }, extra: 1 }), isCode('InvalidInput'));
  await assert.rejects(ask(shop, { type: 'refund', credential: {} }), isCode('InvalidInput'));
  await assert.rejects(ask(shop, { type: 'purchase', credential: { id: 'big', pad: 'x'.repeat(200 * 1024) } }), (e: unknown) => e instanceof KithError);
  assert.deepEqual(seen, ['ok', 'forged', 'busy'], 'the stranger and the malformed never reached the core');
});
