// Social recovery's core, without a network: the split, the sealing of shares, the signed
// statement, and every check a recovering session makes — each hostile case refused with
// its stable reason and code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { readRecoveryCode, recoveryCode } from '../../../src/trust/recovery-code.ts';
import { openShare, sealShare } from '../../../src/trust/recovery-seal.ts';
import { RecoverySession } from '../../../src/trust/recovery-session.ts';
import { checkThreshold, combineShares, shareCommitment, splitSeed } from '../../../src/trust/recovery-shares.ts';
import { readHeldReceipt, readStatement, signApproval, signHeldReceipt, signStatement, type SetupStatement } from '../../../src/trust/recovery-statement.ts';

const owner = OwnerKey.generate();
const friends = [OwnerKey.generate(), OwnerKey.generate(), OwnerKey.generate(), OwnerKey.generate(), OwnerKey.generate()];
const stranger = OwnerKey.generate();

interface Setup {
  statement: SetupStatement;
  shares: Uint8Array[];
}

async function makeSetup(by: OwnerKey, to: readonly OwnerKey[], threshold: number, setup = 'S'.repeat(21) + String(to.length)): Promise<Setup> {
  const shares = await splitSeed(by.exportSeed(), to.length, threshold);
  const statement = signStatement(by, { setup, threshold, friends: to.map((f, i) => ({ did: f.did, commitment: shareCommitment(setup, f.did, shares[i]!) })) });
  return { statement, shares };
}

function approval(friend: OwnerKey, setup: Setup, index: number, session: RecoverySession, overrides: { nonce?: string; share?: Uint8Array } = {}): Record<string, unknown> {
  const nonce = overrides.nonce ?? session.nonce;
  const { statement } = setup;
  const sealed = sealShare(overrides.share ?? setup.shares[index]!, session.key.publicKey, ['approve', statement.setup, friend.did, session.key.peerIdString, nonce]);
  return signApproval(friend, { owner: statement.owner, setup: statement.setup, session: session.key.peerIdString, nonce, share: sealed, statement, card: { name: `Friend ${index}`, addrs: [] } });
}

const from = (key: OwnerKey) => ({ did: key.did, peerId: key.peerIdString });

test('K shares rebuild the seed, in any order; K-1 do not', async () => {
  const seed = owner.exportSeed();
  const shares = await splitSeed(seed, 5, 3);
  assert.equal(shares.length, 5);
  assert.deepEqual(await combineShares([shares[4]!, shares[0]!, shares[2]!]), seed);
  assert.deepEqual(await combineShares([shares[1]!, shares[3]!, shares[2]!]), seed);
  assert.notDeepEqual(await combineShares([shares[0]!, shares[1]!]), seed, 'two of a 3-of-5 give some other bytes, not the seed');
});

test('bounds: at least 2 friends and a threshold of 2, at most 10, no more than the friends', () => {
  assert.throws(() => checkThreshold(1, 3), { code: 'InvalidInput', message: /at least 2/ });
  assert.throws(() => checkThreshold(4, 3), { code: 'InvalidInput', message: /cannot be more than the number of friends/ });
  assert.throws(() => checkThreshold(2, 11), { code: 'InvalidInput', message: /at most 10/ });
  assert.throws(() => checkThreshold(2, 1), { code: 'InvalidInput' });
  checkThreshold(2, 2);
  checkThreshold(10, 10);
});

test('a sealed share opens only with its key and for what it was sealed; a flipped byte fails', () => {
  const share = new Uint8Array(33).fill(7);
  const [ana, ben] = friends as [OwnerKey, OwnerKey];
  const sealed = sealShare(share, ana.publicKey, ['hold', 'setup-one', ana.did]);
  assert.deepEqual(openShare(sealed, ana, ['hold', 'setup-one', ana.did]), share);
  assert.throws(() => openShare(sealed, ben, ['hold', 'setup-one', ana.did]), { code: 'InvalidSignature' });
  assert.throws(() => openShare(sealed, ana, ['hold', 'setup-two', ana.did]), { code: 'InvalidSignature' });
  const bytes = Buffer.from(sealed.ciphertext, 'base64url');
  bytes[3] = (bytes[3] ?? 0) ^ 1;
  assert.throws(() => openShare({ ...sealed, ciphertext: bytes.toString('base64url') }, ana, ['hold', 'setup-one', ana.did]), { code: 'InvalidSignature' });
});

test('a statement is read only with its owner’s signature; a held receipt only from its friend', async () => {
  const { statement } = await makeSetup(owner, friends, 3);
  assert.equal(readStatement(JSON.parse(JSON.stringify(statement))).setup, statement.setup);
  assert.throws(() => readStatement({ ...statement, threshold: 2 }), { name: 'RecoveryRefused', reason: 'forged' });
  assert.throws(() => readStatement({ ...signStatement(stranger, { setup: statement.setup, threshold: 3, friends: statement.friends }), owner: owner.did }), { reason: 'forged' });
  assert.throws(() => readStatement({ type: 'KithRecoverySetup' }), { reason: 'forged' });
  const receipt = signHeldReceipt(friends[1]!, statement);
  assert.equal(readHeldReceipt(receipt, statement, friends[1]!.did).holder, friends[1]!.did);
  assert.throws(() => readHeldReceipt(receipt, statement, friends[2]!.did), { code: 'NotTrusted' });
  assert.throws(() => signHeldReceipt(stranger, statement), { code: 'NotTrusted' });
});

test('a session recovers the owner’s key from 3 of 5 approvals, not from 2', async () => {
  const setup = await makeSetup(owner, friends, 3);
  const session = new RecoverySession();
  assert.deepEqual(await session.accept(approval(friends[0]!, setup, 0, session), from(friends[0]!)), { status: 'accepted', approvals: 1, threshold: 3 });
  assert.deepEqual(await session.accept(approval(friends[3]!, setup, 3, session), from(friends[3]!)), { status: 'accepted', approvals: 2, threshold: 3 });
  assert.equal(session.progress().approvals.length, 2);
  const done = await session.accept(approval(friends[4]!, setup, 4, session), from(friends[4]!));
  assert.equal(done.status, 'recovered');
  assert.ok(done.status === 'recovered');
  assert.equal(done.owner.did, owner.did);
  assert.equal(done.owner.peerIdString, owner.peerIdString);
  assert.deepEqual(done.approvals.map((a) => a.approval.holder), [friends[0]!.did, friends[3]!.did, friends[4]!.did]);
  await assert.rejects(session.accept(approval(friends[1]!, setup, 1, session), from(friends[1]!)), { reason: 'recovered', code: 'AlreadyExists' });
});

test('hostile approvals are refused with stable reasons and codes, and count nothing', async () => {
  const setup = await makeSetup(owner, friends, 3);
  const session = new RecoverySession();
  const ana = friends[0]!;
  // A stranger with a genuine-looking approval of their own, and a friend's approval sent by someone else.
  await assert.rejects(session.accept(approval(stranger, setup, 0, session), from(stranger)), { reason: 'stranger', code: 'NotTrusted' });
  await assert.rejects(session.accept(approval(ana, setup, 0, session), from(stranger)), { reason: 'stranger', code: 'NotTrusted' });
  // A forged statement (the threshold lowered after signing), and a statement signed by someone else.
  const forged = approval(ana, { ...setup, statement: { ...setup.statement, threshold: 2 } }, 0, session);
  await assert.rejects(session.accept(forged, from(ana)), { reason: 'forged', code: 'InvalidSignature' });
  // A tampered approval (its signature no longer matches).
  await assert.rejects(session.accept({ ...approval(ana, setup, 0, session), card: { addrs: [] } }, from(ana)), { reason: 'forged' });
  // A share that is not the one committed to (another friend's), sealed correctly.
  await assert.rejects(session.accept(approval(ana, setup, 0, session, { share: setup.shares[1]! }), from(ana)), { reason: 'forged' });
  // A replay: an approval made for an earlier session's nonce, or for another session.
  const earlier = new RecoverySession();
  await assert.rejects(session.accept(approval(ana, setup, 0, session, { nonce: earlier.nonce }), from(ana)), { reason: 'replayed', code: 'NotTrusted' });
  await assert.rejects(session.accept(approval(ana, setup, 0, earlier), from(ana)), { reason: 'replayed' });
  // Malformed.
  await assert.rejects(session.accept({ type: 'KithRecoveryApproval' }, from(ana)), { code: 'InvalidInput' });
  await assert.rejects(session.accept('nonsense', from(ana)), { code: 'InvalidInput' });
  assert.equal(session.progress().approvals.length, 0);
  assert.equal(session.progress().refused, 9);
  // A duplicate from the same friend.
  await session.accept(approval(ana, setup, 0, session), from(ana));
  await assert.rejects(session.accept(approval(ana, setup, 0, session), from(ana)), { reason: 'duplicate', code: 'AlreadyExists' });
  assert.equal(session.progress().approvals.length, 1);
});

test('a share of a replaced setup is refused once the newer one is seen, and cannot combine with it', async () => {
  const old = await makeSetup(owner, friends.slice(0, 3), 2, 'O'.repeat(22));
  await new Promise((resolve) => setTimeout(resolve, 1100)); // statements are timed to the second
  const current = await makeSetup(owner, friends, 3, 'N'.repeat(22));
  const session = new RecoverySession();
  // An old share first: it counts only until the newer setup shows up.
  await session.accept(approval(friends[0]!, old, 0, session), from(friends[0]!));
  await session.accept(approval(friends[1]!, current, 1, session), from(friends[1]!));
  assert.equal(session.progress().setup, current.statement.setup);
  assert.equal(session.progress().approvals.length, 1, 'what the old setup collected is dropped');
  await assert.rejects(session.accept(approval(friends[2]!, old, 2, session), from(friends[2]!)), { reason: 'old-setup', code: 'NotTrusted' });
  await session.accept(approval(friends[0]!, current, 0, session), from(friends[0]!));
  const done = await session.accept(approval(friends[4]!, current, 4, session), from(friends[4]!));
  assert.equal(done.status, 'recovered');
});

test('a recovery code carries the session’s node and nonce; anything else is refused in words', () => {
  const session = new RecoverySession();
  const code = recoveryCode({ peer: session.key.peerIdString, nonce: session.nonce, addrs: ['/ip4/127.0.0.1/tcp/4001'] });
  assert.match(code, /^kithr1/);
  const read = readRecoveryCode(`  ${code}\n`);
  assert.equal(read.peer, session.key.peerIdString);
  assert.equal(read.nonce, session.nonce);
  assert.deepEqual(read.publicKey, session.key.publicKey);
  assert.throws(() => readRecoveryCode('kith1abc'), { code: 'InvalidInput', message: /not a Kith recovery code/ });
  assert.throws(() => readRecoveryCode(`kithr1${Buffer.from('{"v":1}').toString('base64url')}`), { code: 'InvalidInput' });
  assert.throws(() => readRecoveryCode(`kithr1${Buffer.from(JSON.stringify({ v: 1, peer: 'nope', nonce: session.nonce, addrs: [] })).toString('base64url')}`), { code: 'InvalidInput', message: /names no valid node/ });
});
