// /kith/recovery over real libp2p on loopback, in one process, with real lockers: a friend
// takes a share only from a contact, for a statement that contact signed naming the friend,
// that opens with its key; answers with a receipt the owner can check; keeps a newer setup
// over an older one and drops only the setup named. A holding node refuses approvals, a
// session refuses hold and drop, and a malformed message is InvalidInput.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../../src/net/node.ts';
import { RECOVERY_PROTOCOL, dropAnswerSchema, holdAnswerSchema, returnAnswerSchema, sendApproval, startRecoveryHolding, startRecoverySession } from '../../../src/net/protocols/recovery/recovery-protocol.ts';
import { openLocker, type Locker } from '../../../src/store/locker.ts';
import { generatedName, type Contact } from '../../../src/trust/contacts.ts';
import { listHeld } from '../../../src/trust/recovery-held.ts';
import { RecoverySession } from '../../../src/trust/recovery-session.ts';
import { planSetup } from '../../../src/trust/recovery-setup.ts';
import { readHeldReceipt, readStatement, signApproval, signStatement } from '../../../src/trust/recovery-statement.ts';
import { RecoveryRefused } from '../../../src/trust/recovery-refusals.ts';
import { sealShare } from '../../../src/trust/recovery-seal.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 };
const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

async function node(t: TestContext, owner: OwnerKey): Promise<KithNode> {
  const started = await createKithNode({ owner, ...LOOPBACK });
  t.after(() => started.stop());
  return started;
}

async function locker(t: TestContext, owner: OwnerKey): Promise<Locker> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-recovery-'));
  const opened = await openLocker(dir, owner);
  t.after(async () => {
    await opened.close();
    await rm(dir, { recursive: true, force: true });
  });
  return opened;
}

function contactOf(key: OwnerKey): Contact {
  return { peerId: key.peerIdString, did: key.did, petname: generatedName('person', key.peerIdString), kind: 'person', addrs: [], added: new Date().toISOString() };
}

/** The hold or drop message of `planSetup` for `friend`. */
function messageFor(changes: readonly { collection: string; id: string; value: unknown }[], friend: OwnerKey): Record<string, unknown> {
  const item = changes.find((c) => c.collection === 'outbox' && c.id.startsWith(`${friend.peerIdString}:`));
  assert.ok(item !== undefined);
  return (item.value as { message: Record<string, unknown> }).message;
}

test('recovery: a friend holds a contact’s share, answers a receipt, keeps the newest setup, drops on request; strangers and wrong messages are refused', async (t) => {
  const [owner, ana, ben, eve] = [OwnerKey.generate(), OwnerKey.generate(), OwnerKey.generate(), OwnerKey.generate()];
  const [ownerNode, anaNode, eveNode] = await Promise.all([node(t, owner), node(t, ana), node(t, eve)]);
  const anaLocker = await locker(t, ana);
  const anaContacts = new Map([[owner.peerIdString, contactOf(owner)], [eve.peerIdString, contactOf(eve)]]);
  const sharedWithAna = new Map([[owner.peerIdString, [{ id: 'urn:kith:share:one' }]]]);
  await startRecoveryHolding({ node: anaNode, locker: async () => anaLocker, key: () => ana, contact: async (peer) => anaContacts.get(peer), onChange: () => undefined, sharedBy: async (peer) => sharedWithAna.get(peer) ?? [] });
  const at = anaNode.multiaddrs()[0]!;

  const first = await planSetup(owner, [contactOf(ana), contactOf(ben)], 2, undefined);
  const hold = messageFor(first.changes, ana);
  const answer = await ownerNode.request(at, RECOVERY_PROTOCOL, hold, { responseSchema: holdAnswerSchema });
  const statement = readStatement(hold['statement']);
  assert.equal(readHeldReceipt(answer.receipt, statement, ana.did).setup, statement.setup);
  const again = await ownerNode.request(at, RECOVERY_PROTOCOL, hold, { responseSchema: holdAnswerSchema });
  assert.equal(readHeldReceipt(again.receipt, statement, ana.did).setup, statement.setup, 'a repeat is answered again');
  assert.equal((await listHeld(anaLocker)).length, 1);

  // Not a contact; a contact sending someone else's statement; a share sealed to another friend; a statement not naming Ana.
  const stranger = await node(t, OwnerKey.generate());
  await assert.rejects(stranger.request(at, RECOVERY_PROTOCOL, hold), isCode('NotTrusted'));
  await assert.rejects(eveNode.request(at, RECOVERY_PROTOCOL, hold), isCode('NotTrusted'));
  await assert.rejects(ownerNode.request(at, RECOVERY_PROTOCOL, { ...hold, share: messageFor(first.changes, ben)['share'] }), isCode('InvalidSignature'));
  const other = await planSetup(owner, [contactOf(ben), contactOf(eve)], 2, undefined);
  await assert.rejects(ownerNode.request(at, RECOVERY_PROTOCOL, { ...messageFor(other.changes, ben) }), isCode('NotTrusted'));
  // A contact gets back what it shared with us, and only that.
  assert.deepEqual(await ownerNode.request(at, RECOVERY_PROTOCOL, { type: 'return' }, { responseSchema: returnAnswerSchema }), { credentials: [{ id: 'urn:kith:share:one' }], truncated: false });
  assert.deepEqual(await eveNode.request(at, RECOVERY_PROTOCOL, { type: 'return' }, { responseSchema: returnAnswerSchema }), { credentials: [], truncated: false });
  await assert.rejects(stranger.request(at, RECOVERY_PROTOCOL, { type: 'return' }), isCode('NotTrusted'));
  // Malformed, and a message only a recovering device serves (from Eve: the owner's node is
  // near the protocol's burst of 10 by now, and the rest of this test needs it).
  await assert.rejects(eveNode.request(at, RECOVERY_PROTOCOL, { type: 'hold', statement: {} }), isCode('InvalidInput'));
  await assert.rejects(eveNode.request(at, RECOVERY_PROTOCOL, { type: 'approve', approval: {} }), isCode('Unsupported'));

  // A newer setup replaces the share; the older one sent again afterwards is refused.
  await new Promise((resolve) => setTimeout(resolve, 1100)); // statements are timed to the second
  const second = await planSetup(owner, [contactOf(ana), contactOf(eve)], 2, first.setup);
  assert.equal(messageFor(second.changes, ben)['type'], 'drop', 'Ben, no longer chosen, is told to delete his share');
  await ownerNode.request(at, RECOVERY_PROTOCOL, messageFor(second.changes, ana), { responseSchema: holdAnswerSchema });
  assert.equal((await listHeld(anaLocker))[0]?.statement.setup, second.setup.statement.setup);
  await assert.rejects(ownerNode.request(at, RECOVERY_PROTOCOL, hold), isCode('NotTrusted'));
  // A drop of the old setup changes nothing; of the current one, deletes it.
  assert.deepEqual(await ownerNode.request(at, RECOVERY_PROTOCOL, { type: 'drop', setup: first.setup.statement.setup }, { responseSchema: dropAnswerSchema }), { dropped: false });
  assert.deepEqual(await ownerNode.request(at, RECOVERY_PROTOCOL, { type: 'drop', setup: second.setup.statement.setup }, { responseSchema: dropAnswerSchema }), { dropped: true });
  assert.deepEqual(await listHeld(anaLocker), []);
  const kinds = (await anaLocker.audit.entries()).map((e) => e.kind);
  assert.deepEqual(kinds, ['recovery.share-held', 'recovery.share-held', 'recovery.share-dropped']);
});

test('recovery: a session node refuses hold and drop, and answers a refusal with its reason', async (t) => {
  const session = new RecoverySession();
  const [sessionNode, friendNode] = await Promise.all([node(t, session.key), node(t, OwnerKey.generate())]);
  await startRecoverySession({ node: sessionNode, session, onAccepted: async () => undefined });
  const at = sessionNode.multiaddrs()[0]!;
  await assert.rejects(friendNode.request(at, RECOVERY_PROTOCOL, { type: 'drop', setup: 'S'.repeat(22) }), isCode('Unsupported'));
  assert.deepEqual(await friendNode.request(at, RECOVERY_PROTOCOL, { type: 'approve', approval: { type: 'KithRecoveryApproval' } }).catch((e: unknown) => (e as KithError).code), 'InvalidInput');
  await assert.rejects(friendNode.request(at, RECOVERY_PROTOCOL, { type: 'approve', approval: { padding: 'x'.repeat(20_000) } }), isCode('Protocol'), 'oversized: cut off');
  // A well-formed approval signed by someone other than the peer sending it: refused, with its reason.
  const owner = OwnerKey.generate();
  const someone = OwnerKey.generate();
  const statement = signStatement(owner, { setup: 'S'.repeat(22), threshold: 2, friends: [someone, OwnerKey.generate()].map((f) => ({ did: f.did, commitment: 'C'.repeat(43) })) });
  const share = sealShare(new Uint8Array(33), session.key.publicKey, ['approve', statement.setup, someone.did, session.key.peerIdString, session.nonce]);
  const approval = signApproval(someone, { owner: owner.did, setup: statement.setup, session: session.key.peerIdString, nonce: session.nonce, share, statement, card: { addrs: [] } });
  await assert.rejects(sendApproval(friendNode, [at], approval), (error: unknown) => error instanceof RecoveryRefused && error.reason === 'stranger' && error.code === 'NotTrusted');
  assert.equal(session.progress().refused, 2);
});
