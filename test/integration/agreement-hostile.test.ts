// Hostile peers against a real vendor daemon on /kith/agreement/1.0.0, end to end: the
// vendor (`kith start --vendor`) runs in its own process; Lee is a customer who proffers
// honestly; Mallory redeemed the vendor's invite like any customer, then forges; a
// stranger never became a contact. Each forged proffer is refused with a stable code and
// nothing is countersigned or kept; afterwards the vendor still answers Lee, still holds
// his agreement in force, and its audit trail verifies.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '../../src/api/client.ts';
import { issueCredential } from '../../src/credentials/credential.ts';
import { addProof, verifyDocument } from '../../src/credentials/data-integrity.ts';
import type { JsonObject } from '../../src/credentials/types.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { AGREEMENT_LIMITS, AGREEMENT_PROTOCOL } from '../../src/net/protocols/agreement/agreement-protocol.ts';
import { frameReader } from '../../src/net/protocols/framing.ts';
import { encodeFrame } from '../../src/net/protocols/varint.ts';
import { AGREEMENT_TYPE, proposeAgreement } from '../../src/trust/agreements.ts';
import { type Daemon, bridgeClient, fileScope, startDaemon } from './daemons.ts';
import { bareNode, endedWithin, rawStream } from './fixtures/bare-node.ts';
import { loopback, redeemInvite, scriptedPeer, send, type ScriptedPeer } from './fixtures/scripted-peer.ts';
import { impostor, resigned } from './fixtures/share-messages.ts';

const hooks = fileScope(after);

const TERMS = [{ id: 'delivery-only' as const }, { id: 'delete-on-revocation' as const }];
const PURPOSE = 'Delivery of my order';

let shop: Daemon;
let shopApi: Client;
let target: string;
let lee: ScriptedPeer;
let mallory: ScriptedPeer;
let stranger: ScriptedPeer;
/** Lee's agreement as the vendor countersigned it. */
let leeAgreement: { id: string; credential: Record<string, unknown> };
const other = OwnerKey.generate();

const proffer = (agreement: Record<string, unknown>) => ({ type: 'proffer', agreement });

before(async () => {
  shop = await startDaemon(hooks, ['--vendor']);
  target = loopback(shop.addresses);
  shopApi = await bridgeClient(shop);
  [lee, mallory, stranger] = await Promise.all([scriptedPeer(hooks), scriptedPeer(hooks), scriptedPeer(hooks)]);
  const [policy, invite] = await Promise.all([
    shopApi.call('vendor.profile.set', { name: 'Livraria', accepts: 'delivery-only,no-tracking,delete-on-revocation' }),
    shopApi.call('invites.create', {}),
  ]);
  assert.ok(policy.policy.accepts.includes('delivery-only'));
  await Promise.all([redeemInvite(lee, invite.code, 'Lee'), redeemInvite(mallory, invite.code, 'Mallory')]);
  const proposed = proposeAgreement(lee.key, { vendor: shop.did, purpose: PURPOSE, terms: TERMS });
  const answer = await send(lee, target, AGREEMENT_PROTOCOL, proffer(proposed.credential));
  assert.ok(answer.ok, JSON.stringify(answer));
  const countersigned = (answer.result as { accepted: boolean; agreement: Record<string, unknown> }).agreement;
  assert.deepEqual(new Set(verifyDocument(countersigned).map((p) => p.signer)), new Set([lee.did, shop.did]));
  leeAgreement = { id: proposed.id, credential: countersigned };
});

/** The vendor answers Lee, keeps exactly Lee's agreement in force, and its trail verifies. */
async function assertStillServing(): Promise<void> {
  const profile = await send(lee, target, AGREEMENT_PROTOCOL, { type: 'profile' });
  assert.ok(profile.ok, JSON.stringify(profile));
  const [agreements, log] = await Promise.all([shopApi.call('agreements.list', {}), shopApi.call('log.verify', {})]);
  assert.equal(log.ok, true, JSON.stringify(log));
  assert.deepEqual(
    agreements.map((a) => [a.id, a.role, a.status, a.with.peerId]),
    [[leeAgreement.id, 'vendor', 'active', lee.peerId]],
  );
  assert.deepEqual(agreements[0]?.credential, leeAgreement.credential);
}

test('a stranger is refused on every agreement message', async () => {
  const proposed = proposeAgreement(stranger.key, { vendor: shop.did, purpose: PURPOSE, terms: TERMS });
  assert.deepEqual(await send(stranger, target, AGREEMENT_PROTOCOL, { type: 'profile' }), { ok: false, code: 'NotTrusted' });
  assert.deepEqual(await send(stranger, target, AGREEMENT_PROTOCOL, proffer(proposed.credential)), { ok: false, code: 'NotTrusted' });
  assert.deepEqual(await send(stranger, target, AGREEMENT_PROTOCOL, { type: 'end', agreementId: leeAgreement.id }), { ok: false, code: 'NotTrusted' });
  await assertStillServing();
});

test('forged proffers from a contact are refused with a stable code, and nothing is countersigned or kept', async () => {
  const input = { vendor: shop.did, purpose: PURPOSE, terms: TERMS };
  const honest = proposeAgreement(mallory.key, input).credential;
  const tampered = structuredClone(honest) as JsonObject & { credentialSubject: { terms: unknown[] } };
  tampered.credentialSubject.terms = [];
  const otherCustomer = issueCredential({
    id: `urn:kith:agreement:a${'0'.repeat(16)}`,
    types: [AGREEMENT_TYPE],
    signer: mallory.key,
    subject: { customer: lee.did, vendor: shop.did, purpose: PURPOSE, terms: TERMS, created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
  });
  const forgeries: [string, Record<string, unknown>, string][] = [
    ["signed by another key, claiming Mallory's", proposeAgreement(impostor(mallory.key, other), input).credential, 'InvalidSignature'],
    ['issued as Mallory, signed (openly) by another key', resigned(honest, other), 'NotTrusted'],
    ['changed after signing', tampered, 'InvalidSignature'],
    ["another customer's proffer (Lee's, replayed)", proposeAgreement(lee.key, input).credential, 'NotTrusted'],
    ['issued by Mallory, naming Lee as the customer', otherCustomer, 'NotTrusted'],
    ['naming another vendor', proposeAgreement(mallory.key, { ...input, vendor: other.did }).credential, 'NotTrusted'],
    ['already "countersigned" by a key not the vendor’s', addProof(honest, other, { proofPurpose: 'assertionMethod' }), 'NotTrusted'],
    ["Lee's countersigned agreement", leeAgreement.credential, 'NotTrusted'],
    ['dated a day ahead', proposeAgreement(mallory.key, input, new Date(Date.now() + 86_400_000)).credential, 'InvalidInput'],
  ];
  for (const [what, agreement, code] of forgeries) {
    assert.deepEqual(await send(mallory, target, AGREEMENT_PROTOCOL, proffer(agreement)), { ok: false, code }, what);
    // The agreement protocol allows 2 a second per peer (burst 10): stay well inside it.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await assertStillServing();
});

test("a contact cannot end another customer's agreement", async () => {
  assert.deepEqual(await send(mallory, target, AGREEMENT_PROTOCOL, { type: 'end', agreementId: leeAgreement.id }), { ok: false, code: 'NotFound' });
  await assertStillServing();
});

test('an oversized proffer is refused at its length prefix and cut off', async () => {
  const raw = await bareNode(mallory.key.libp2pPrivateKey());
  try {
    const stream = await rawStream(raw, target, AGREEMENT_PROTOCOL);
    const reader = frameReader(stream, 1024);
    const oversized = encodeFrame(new Uint8Array(AGREEMENT_LIMITS.maxRequestBytes + 1).fill(0x20));
    stream.send(oversized.subarray(0, 16 * 1024));
    const answer = JSON.parse(new TextDecoder().decode(await reader.read(AbortSignal.timeout(10_000)))) as unknown;
    assert.deepEqual(answer, { error: { code: 'InvalidInput' } });
    if (stream.status === 'open') stream.send(oversized.subarray(16 * 1024));
    await endedWithin(stream, 15_000);
  } finally {
    await raw.stop();
  }
  await assertStillServing();
});

test(
  'a blocked contact cannot make agreements',
  async () => {
    await shopApi.call('contacts.block', { peer: mallory.peerId });
    const proposed = proposeAgreement(mallory.key, { vendor: shop.did, purpose: PURPOSE, terms: TERMS });
    const refused = await send(mallory, target, AGREEMENT_PROTOCOL, proffer(proposed.credential));
    assert.equal(refused.ok, false, JSON.stringify(refused));
    await assertStillServing();
    assert.equal((await shop.kith(['log', '--verify', '--json'])).json()['ok'], true);
  },
);
