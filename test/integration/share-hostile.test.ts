// Hostile peers against a real daemon on /kith/share/1.0.0 (and the request and agreement
// protocols where the same rule applies), end to end: Ana and Ben are daemons, each its
// own process; Ana shares a record with Ben. Mallory is a scripted peer with her own key
// who became Ben's contact by redeeming his invite, then turns hostile; a stranger never
// did. After each attack Ben still serves a legitimate contact (Lee, a scripted peer who
// delivers honestly), and what he holds (shared.list, receipts.list) and his audit trail
// (log.verify) are intact — asked over his bridge, as `kith shared/receipts/log --verify
// --json` ask it; the last test asks through the CLI itself.
// net-hostile.test.ts covers the framing (endless prefix, slow sender, stream and connection
// floods) on a fixture node; this covers each protocol's own checks on a real daemon.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '../../src/api/client.ts';
import { verifyDocument } from '../../src/credentials/data-integrity.ts';
import type { JsonObject } from '../../src/credentials/types.ts';
import { OwnerKey } from '../../src/identity/identity.ts';
import { AGREEMENT_PROTOCOL } from '../../src/net/protocols/agreement/agreement-protocol.ts';
import { frameReader } from '../../src/net/protocols/framing.ts';
import { REQUEST_PROTOCOL } from '../../src/net/protocols/request/request-protocol.ts';
import { SHARE_LIMITS, SHARE_PROTOCOL } from '../../src/net/protocols/share/share-protocol.ts';
import { encodeFrame } from '../../src/net/protocols/varint.ts';
import { type Daemon, bridgeClient, connect, eventually, fileScope, startDaemon } from './daemons.ts';
import { bareNode, endedWithin, rawStream } from './fixtures/bare-node.ts';
import { loopback, redeemInvite, scriptedPeer, send, type ScriptedPeer } from './fixtures/scripted-peer.ts';
import { consent, deliver, impostor, resigned, revocation, revoke, sharedRecord } from './fixtures/share-messages.ts';

type Shared = Awaited<ReturnType<typeof sharedAt>>[number];
type Receipt = Awaited<ReturnType<typeof receiptsAt>>[number];

const hooks = fileScope(after);
const ADDRESS = { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisboa', postalCode: '1100-053', addressCountry: 'PT' };
const LEE_GRANT = 'g1111111111111111';
const MALLORY_GRANT = 'gaaaaaaaaaaaaaaaa';
const FORGED_GRANT = 'gbbbbbbbbbbbbbbbb';

let ana: Daemon;
let ben: Daemon;
/** Ben's API over his bridge. */
let benApi: Client;
/** Ben's direct address, where the scripted peers reach him. */
let target: string;
let anaRecord: string;
let anaGrant: string;
let mallory: ScriptedPeer;
let lee: ScriptedPeer;
let stranger: ScriptedPeer;
/** Neither Ben's contact nor anyone's: the key a forger signs with. */
const other = OwnerKey.generate();
let leeVersion = 0;
/** What Ben should hold of Ana's record. */
let anaVersion = { version: 1, data: ADDRESS };

const sharedAt = () => benApi.call('shared.list', {});
const receiptsAt = () => benApi.call('receipts.list', {});

before(async () => {
  [ana, ben] = await Promise.all([startDaemon(hooks), startDaemon(hooks)]);
  target = loopback(ben.addresses);
  benApi = await bridgeClient(ben);
  [mallory, lee, stranger] = await Promise.all([scriptedPeer(hooks), scriptedPeer(hooks), scriptedPeer(hooks)]);
  const [record, invite] = await Promise.all([
    ana.kith(['data', 'set', 'address', JSON.stringify(ADDRESS), '--json']),
    ben.kith(['invite', '--uses', '2', '--json']),
  ]);
  anaRecord = record.json<{ id: string }>().id;
  const code = invite.json<{ code: string }>().code;
  await Promise.all([redeemInvite(mallory, code, 'Mallory'), redeemInvite(lee, code, 'Lee')]);
  const benAtAna = await connect(ana, ben);
  const granted = await ana.kith(['grant', benAtAna, anaRecord, '--purpose', 'Sending postcards', '--json']);
  assert.equal(granted.code, 0, granted.stderr);
  anaGrant = granted.json<{ id: string }>().id;
  await eventually(sharedAt, (s) => s.some((item) => item.from.peerId === ana.peerId), "Ana's record at Ben");
});

/**
 * Ben still answers a legitimate contact (Lee's next version is stored and its receipt
 * countersigned), holds Ana's record as she sent it, and his audit trail verifies.
 * Returns what Ben holds from Mallory, for the caller to check.
 */
async function assertStillServing(): Promise<{ shared: Shared[]; receipts: Receipt[] }> {
  leeVersion += 1;
  const delivered = await deliver(
    lee,
    target,
    sharedRecord(lee.key, ben.did, { grant: LEE_GRANT, record: 'leerecord1', version: leeVersion, data: { full: `Lee ${leeVersion}` } }),
    consent(lee.key, ben.did, LEE_GRANT),
  );
  assert.equal(delivered.status, 'stored', JSON.stringify(delivered));
  assert.ok(delivered.status === 'stored' && delivered.receipt !== undefined && verifyDocument(delivered.receipt).some((p) => p.signer === ben.did), 'Ben countersigned');
  const [shared, receipts, log] = await Promise.all([sharedAt(), receiptsAt(), benApi.call('log.verify', {})]);
  assert.equal(log.ok, true, JSON.stringify(log));
  const fromAna = shared.filter((item) => item.from.peerId === ana.peerId);
  assert.equal(fromAna.length, 1);
  assert.equal(fromAna[0]?.from.did, ana.did);
  assert.equal(fromAna[0]?.grant.id, anaGrant);
  assert.equal(fromAna[0]?.record.id, anaRecord);
  assert.equal(fromAna[0]?.record.version, anaVersion.version);
  assert.equal(fromAna[0]?.revoked, undefined);
  assert.deepEqual(fromAna[0]?.record.data, anaVersion.data);
  assert.deepEqual(
    shared.filter((item) => item.from.peerId === lee.peerId).map((item) => item.record.version),
    [leeVersion],
  );
  return { shared: shared.filter((item) => item.from.peerId === mallory.peerId), receipts };
}

test('a stranger is refused on share, request and agreement, and nothing is stored', async () => {
  const record = sharedRecord(stranger.key, ben.did, { grant: FORGED_GRANT, record: 'strange01', version: 1, data: { full: 'Stranger' } });
  assert.deepEqual(await deliver(stranger, target, record, consent(stranger.key, ben.did, FORGED_GRANT)), { status: 'refused', code: 'NotTrusted' });
  assert.deepEqual(await revoke(stranger, target, revocation(stranger.key, anaGrant, ben.did)), { ok: false, code: 'NotTrusted' });
  const ask = { type: 'ask', id: 'r0123456789abcdef', types: ['email'], purpose: 'Marketing' };
  assert.deepEqual(await send(stranger, target, REQUEST_PROTOCOL, ask), { ok: false, code: 'NotTrusted' });
  assert.deepEqual(await send(stranger, target, AGREEMENT_PROTOCOL, { type: 'profile' }), { ok: false, code: 'NotTrusted' });
  const { shared, receipts } = await assertStillServing();
  assert.deepEqual(shared, []);
  assert.equal(receipts.filter((r) => r.grant === FORGED_GRANT).length, 0);
  assert.deepEqual(await benApi.call('inbox.list', {}), [], "nothing in Ben's inbox");
});

test('forged deliveries from a contact are refused with a stable code and store nothing', async () => {
  const version = { grant: FORGED_GRANT, record: 'forged001', version: 1, data: { full: 'Forged' } };
  const receipt = consent(mallory.key, ben.did, FORGED_GRANT);
  const honest = sharedRecord(mallory.key, ben.did, version);
  const tampered = structuredClone(honest) as JsonObject & { credentialSubject: { record: { data: Record<string, string> } } };
  tampered.credentialSubject.record.data['full'] = 'Changed after signing';
  const forgeries: [string, JsonObject, JsonObject, string][] = [
    ["signed by another key, claiming Mallory's", sharedRecord(impostor(mallory.key, other), ben.did, version), receipt, 'InvalidSignature'],
    ['issued as Mallory, signed (openly) by another key', resigned(honest, other), receipt, 'NotTrusted'],
    ['issued and signed by someone else than the sender', sharedRecord(other, ben.did, version), receipt, 'NotTrusted'],
    ['naming another holder', sharedRecord(mallory.key, ana.did, version), receipt, 'NotTrusted'],
    ['changed after signing', tampered, receipt, 'InvalidSignature'],
    ['with a consent receipt naming another holder', honest, consent(mallory.key, ana.did, FORGED_GRANT), 'NotTrusted'],
    ['with a consent receipt from someone else', honest, consent(other, ben.did, FORGED_GRANT), 'NotTrusted'],
  ];
  for (const [what, credential, withReceipt, code] of forgeries) {
    assert.deepEqual(await deliver(mallory, target, credential, withReceipt), { status: 'refused', code }, what);
  }
  const { shared } = await assertStillServing();
  assert.deepEqual(shared, [], 'no forged record was kept');
});

test(
  'no consent receipt is countersigned or kept for a delivery that was refused',
  async () => {
    const grant = 'gdddddddddddddddd';
    const forged = sharedRecord(mallory.key, ana.did, { grant, record: 'forged002', version: 1, data: { full: 'For someone else' } });
    const refused = await deliver(mallory, target, forged, consent(mallory.key, ben.did, grant));
    assert.deepEqual(refused, { status: 'refused', code: 'NotTrusted' });
    const { receipts } = await assertStillServing();
    assert.deepEqual(receipts.filter((r) => r.grant === grant || r.grant === FORGED_GRANT), [], 'nothing countersigned for a refused record');
  },
);

test('a replayed older version never overwrites a newer one', async () => {
  const receipt = consent(mallory.key, ben.did, MALLORY_GRANT);
  const v1 = sharedRecord(mallory.key, ben.did, { grant: MALLORY_GRANT, record: 'mallory01', version: 1, data: { full: 'one' } });
  const v2 = sharedRecord(mallory.key, ben.did, { grant: MALLORY_GRANT, record: 'mallory01', version: 2, data: { full: 'two' } });
  assert.equal((await deliver(mallory, target, v2, receipt)).status, 'stored');
  assert.equal((await deliver(mallory, target, v1, receipt)).status, 'stale');
  assert.equal((await deliver(mallory, target, v2, receipt)).status, 'stale', 'the same version again');
  const { shared } = await assertStillServing();
  assert.equal(shared.length, 1);
  assert.equal(shared[0]?.record.version, 2);
  assert.deepEqual(shared[0]?.record.data, { full: 'two' });
});

test(
  "a contact naming another owner's grant and record reaches only its own copy, and not that owner's consent receipt",
  async () => {
    // Mallory names Ana's grant and record id, at a much higher version (a holder of the
    // same circle grant knows its id): it is kept as Mallory's, Ana's copy is untouched
    // (assertStillServing checks it) — and so should be Ana's consent receipt at Ben.
    const anasReceipt = (receipts: Receipt[]) => receipts.filter((r) => r.kind === 'consent' && r.grant === anaGrant && r.credential['issuer'] === ana.did);
    const kept = anasReceipt(await receiptsAt());
    assert.equal(kept.length, 1);
    const claim = sharedRecord(mallory.key, ben.did, { grant: anaGrant, record: anaRecord, version: 99, data: { full: 'not Ana' } });
    assert.equal((await deliver(mallory, target, claim, consent(mallory.key, ben.did, anaGrant))).status, 'stored');
    const { shared, receipts } = await assertStillServing();
    assert.equal(shared.find((item) => item.record.id === anaRecord)?.from.did, mallory.did);
    assert.deepEqual(anasReceipt(receipts), kept, "Ben keeps Ana's consent receipt for her grant");
  },
);

test("a revocation notice for another owner's grant is refused or reaches only the sender's own records", async () => {
  // Signed by someone else than the sender (as if forwarding another owner's notice).
  assert.deepEqual(await revoke(mallory, target, revocation(other, anaGrant, ben.did)), { ok: false, code: 'NotTrusted' });
  // Signed by the sender, for another holder.
  assert.deepEqual(await revoke(mallory, target, revocation(mallory.key, anaGrant, ana.did)), { ok: false, code: 'NotTrusted' });
  // Forged signature.
  assert.deepEqual(await revoke(mallory, target, revocation(impostor(mallory.key, other), anaGrant, ben.did)), { ok: false, code: 'InvalidSignature' });
  // Mallory's own notice naming Ana's grant id: it can only end what Mallory herself
  // shared under that id (her claim, as in the test above); Ana's record stays.
  const claim = sharedRecord(mallory.key, ben.did, { grant: anaGrant, record: anaRecord, version: 99, data: { full: 'not Ana' } });
  assert.notEqual((await deliver(mallory, target, claim, consent(mallory.key, ben.did, anaGrant))).status, 'refused');
  const own = await revoke(mallory, target, revocation(mallory.key, anaGrant, ben.did));
  assert.ok(own.ok, JSON.stringify(own));
  const subject = (own.result as { receipt: { credentialSubject: { owner: string; records: string[] } } }).receipt.credentialSubject;
  assert.equal(subject.owner, mallory.did);
  assert.deepEqual(subject.records, [anaRecord]);
  const { shared } = await assertStillServing();
  const ended = shared.find((item) => item.record.id === anaRecord);
  assert.ok(ended?.revoked !== undefined && ended.record.data === null, "Mallory's own claim is gone");
  assert.equal(shared.find((item) => item.record.id === 'mallory01')?.record.version, 2);
});

test(
  'a delivery replayed under a grant its owner revoked does not bring the data back',
  async () => {
    const grant = 'gcccccccccccccccc';
    const v1 = sharedRecord(mallory.key, ben.did, { grant, record: 'mallory02', version: 1, data: { full: 'revoked soon' } });
    const receipt = consent(mallory.key, ben.did, grant);
    assert.equal((await deliver(mallory, target, v1, receipt)).status, 'stored');
    const revoked = await revoke(mallory, target, revocation(mallory.key, grant, ben.did));
    assert.ok(revoked.ok, JSON.stringify(revoked));
    const replayed = await deliver(mallory, target, v1, receipt);
    const { shared } = await assertStillServing();
    const item = shared.find((i) => i.record.id === 'mallory02');
    assert.ok(item?.revoked !== undefined && item.record.data === null, `the data stays deleted: ${JSON.stringify(item)}`);
    assert.notEqual(replayed.status, 'stored');
  },
);

test('a contact cannot answer a request it was not asked', async () => {
  const asked = await ben.kith(['request', ana.peerId, 'email', '--purpose', 'Newsletter', '--json']);
  assert.equal(asked.code, 0, asked.stderr);
  const id = asked.json<{ id: string }>().id;
  const answer = { type: 'answer', id, status: 'approved', grant: MALLORY_GRANT, records: ['mallory01'] };
  assert.deepEqual(await send(mallory, target, REQUEST_PROTOCOL, answer), { ok: false, code: 'NotTrusted' });
  assert.deepEqual(await send(mallory, target, REQUEST_PROTOCOL, { ...answer, id: 'r0000000000000000' }), { ok: true, result: { received: false } });
  const requests = await benApi.call('requests.list', {});
  assert.deepEqual(requests.map((r) => [r.id, r.status]), [[id, 'pending']]);
  await assertStillServing();
});

test('an oversized share message is refused at its length prefix and cut off', async () => {
  const before = (await sharedAt()).filter((item) => item.from.peerId === mallory.peerId);
  // A raw stream under Mallory's key (a contact), past the node's own framing.
  const raw = await bareNode(mallory.key.libp2pPrivateKey());
  try {
    const stream = await rawStream(raw, target, SHARE_PROTOCOL);
    const reader = frameReader(stream, 1024);
    const oversized = encodeFrame(new Uint8Array(SHARE_LIMITS.maxRequestBytes + 1).fill(0x20));
    stream.send(oversized.subarray(0, 64 * 1024));
    const answer = JSON.parse(new TextDecoder().decode(await reader.read(AbortSignal.timeout(10_000)))) as unknown;
    assert.deepEqual(answer, { error: { code: 'InvalidInput' } });
    if (stream.status === 'open') stream.send(oversized.subarray(64 * 1024));
    await endedWithin(stream, 15_000);
  } finally {
    await raw.stop();
  }
  const { shared } = await assertStillServing();
  assert.deepEqual(shared, before, 'nothing new from Mallory');
});

test('after all of it, the owner still shares with the node through the daemons: an update arrives', async () => {
  anaVersion = { version: 2, data: { ...ADDRESS, streetAddress: 'Rua do Ouro 9' } };
  await ana.kith(['data', 'update', anaRecord, JSON.stringify(anaVersion.data)]);
  await eventually(sharedAt, (s) => s.find((item) => item.from.peerId === ana.peerId)?.record.version === 2, "version 2 of Ana's record at Ben");
  await assertStillServing();
  // The same through the CLI, as a person would check.
  const shared = (await ben.kith(['shared', '--json'])).json<Shared[]>();
  assert.deepEqual(shared.find((item) => item.from.peerId === ana.peerId)?.record.data, anaVersion.data);
  for (const d of [ana, ben]) assert.equal((await d.kith(['log', '--verify', '--json'])).json()['ok'], true);
});

// Last: blocking ends Mallory's use of Ben's node altogether.
test(
  'a blocked contact cannot connect or use any protocol',
  async () => {
    assert.equal((await ben.kith(['block', mallory.peerId])).code, 0);
    await eventually(async () => mallory.node.status().connectedPeers, (peers) => !peers.includes(ben.peerId), "Ben dropping Mallory's connection", 10_000);
    const record = sharedRecord(mallory.key, ben.did, { grant: MALLORY_GRANT, record: 'mallory01', version: 3, data: { full: 'three' } });
    const attempts = [
      await deliver(mallory, target, record, consent(mallory.key, ben.did, MALLORY_GRANT)),
      await send(mallory, target, REQUEST_PROTOCOL, { type: 'ask', id: 'r1111111111111111', types: ['email'], purpose: 'x' }),
      await send(mallory, target, AGREEMENT_PROTOCOL, { type: 'profile' }),
    ];
    assert.deepEqual(attempts.map((a) => ('ok' in a ? a.ok : a.status)), ['refused', false, false], JSON.stringify(attempts));
    // Ben's gater closes a new connection once Noise names Mallory (her side may see it open for a moment).
    await mallory.node.dial(target, { timeoutMs: 10_000 }).catch(() => undefined);
    await eventually(async () => mallory.node.status().connectedPeers, (peers) => !peers.includes(ben.peerId), 'the new connection closed', 10_000);
    const status = await benApi.call('node.status', {});
    assert.equal(status.running, true);
    assert.ok(!status.connectedContacts.some((c) => c.peerId === mallory.peerId));
    const { shared } = await assertStillServing();
    assert.equal(shared.find((item) => item.record.id === 'mallory01')?.record.version, 2);
  },
);
