// The audit trail: format, entries(), import, and every kind of tampering, done with a raw
// LevelDB handle on the locker's database while it is closed.
import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { isKithError } from '../../../src/base/errors.ts';
import { canonicalBytes } from '../../../src/credentials/jcs.ts';
import { verifyEd25519 } from '../../../src/identity/ed25519.ts';
import type { Signer } from '../../../src/identity/signer.ts';
import { createEntry, entryHash, type AuditEntry } from '../../../src/store/audit-entry.ts';
import { type ChainProblem, type Locker, openLocker, type LockerUnlock } from '../../../src/store/locker.ts';
import { editSealed, type SealedEditor } from './sealed-access.ts';

function testSigner(did = 'did:key:test'): Signer & LockerUnlock {
  const wrappingKey = new Uint8Array(randomBytes(32));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  return { did, verificationMethod: `${did}#key`, publicKey: raw, sign: (message) => new Uint8Array(sign(null, message, privateKey)), lockerWrappingKey: () => wrappingKey };
}

const key = (seq: number) => `a:${String(seq).padStart(12, '0')}`;
const ENTRIES = 10;

let dir: string;
let signer: Signer & LockerUnlock;
let locker: Locker | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-audit-'));
  signer = testSigner();
  const l = await openLocker(dir, signer);
  for (let i = 0; i < ENTRIES; i++) {
    await l.commit(signer, {
      records: [{ id: `r${i}`, type: 'email', version: 1, credential: { n: i } }],
      audit: [{ kind: 'record.created', details: { id: `r${i}` } }],
    });
  }
  await l.close();
});

afterEach(async () => {
  await locker?.close();
  locker = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Edits the closed locker's entries directly, as someone holding the locker key could. */
async function tamper(edit: (db: SealedEditor) => Promise<void>): Promise<void> {
  await editSealed(dir, signer, edit);
}

async function raw(db: SealedEditor, seq: number): Promise<string> {
  const text: string | undefined = await db.get(key(seq));
  assert.ok(text !== undefined);
  return text;
}

function kinds(problems: readonly ChainProblem[]): string[] {
  return problems.map((p) => `${p.problem}@${p.seq}`);
}

async function reopen(): Promise<Locker> {
  locker = await openLocker(dir, signer);
  return locker;
}

async function assertCommitRefused(l: Locker): Promise<void> {
  await assert.rejects(l.commit(signer, { audit: [{ kind: 'record.created', details: {} }] }), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
}

test('entries are signed, hash-chained and documented as such', async () => {
  const l = await reopen();
  assert.deepEqual(l.integrity, { ok: true });
  const entries = await l.audit.entries();
  assert.equal(entries.length, ENTRIES);
  assert.equal(entries[0]?.prev, '0'.repeat(64));
  for (const [i, entry] of entries.entries()) {
    assert.equal(entry.seq, i);
    assert.equal(entry.signer, signer.did);
    const { sig, ...unsigned } = entry;
    assert.ok(verifyEd25519(signer.publicKey, canonicalBytes(unsigned), new Uint8Array(Buffer.from(sig, 'base64url'))));
    const next = entries[i + 1];
    if (next !== undefined) assert.equal(next.prev, createHash('sha256').update(canonicalBytes(entry)).digest('hex'));
  }
  assert.deepEqual(l.audit.head(), { seq: ENTRIES - 1, hash: entryHash(entries[ENTRIES - 1] as AuditEntry) });
  assert.deepEqual((await l.audit.entries({ from: 7 })).map((e) => e.seq), [7, 8, 9]);
  assert.deepEqual((await l.audit.entries({ from: 7, reverse: true, limit: 2 })).map((e) => e.seq), [7, 6]);
  assert.deepEqual((await l.audit.entries({ kind: 'nothing' })).length, 0);
  const report = await l.audit.verifyChain();
  assert.deepEqual(report, { ok: true, count: ENTRIES, problems: [] });
});

test('a changed byte in the middle is found by verifyChain, which then blocks commits', async () => {
  await tamper(async (db) => {
    await db.put(key(4), (await raw(db, 4)).replace('"r4"', '"r5"'));
  });
  const l = await reopen();
  assert.deepEqual(l.integrity, { ok: true }, 'open checks the tail only');
  const report = await l.audit.verifyChain();
  assert.equal(report.ok, false);
  assert.deepEqual(kinds(report.problems), ['bad-signature@4', 'broken-link@5']);
  assert.equal(l.integrity.ok, false);
  await assertCommitRefused(l);
});

test('an unreadable entry is reported as corrupt', async () => {
  await tamper(async (db) => {
    await db.put(key(3), (await raw(db, 3)).slice(0, -1));
  });
  const report = await (await reopen()).audit.verifyChain();
  assert.deepEqual(kinds(report.problems), ['corrupt@3']);
});

test('a deleted entry is reported as missing', async () => {
  await tamper((db) => db.del(key(4)));
  const report = await (await reopen()).audit.verifyChain();
  assert.deepEqual(kinds(report.problems), ['missing@4']);
  assert.equal(report.count, ENTRIES - 1);
});

test('a deleted last entry is caught on open and commits are refused', async () => {
  await tamper((db) => db.del(key(ENTRIES - 1)));
  const l = await reopen();
  assert.equal(l.integrity.ok, false);
  assert.ok(!l.integrity.ok && kinds(l.integrity.problems).includes(`missing@${ENTRIES - 1}`));
  await assertCommitRefused(l);
  const report = await l.audit.verifyChain();
  assert.deepEqual(kinds(report.problems), [`missing@${ENTRIES - 1}`]);
});

test('a changed last entry is caught on open', async () => {
  await tamper(async (db) => {
    await db.put(key(ENTRIES - 1), (await raw(db, ENTRIES - 1)).replace('"r9"', '"r0"'));
  });
  const l = await reopen();
  assert.ok(!l.integrity.ok && kinds(l.integrity.problems).includes(`bad-signature@${ENTRIES - 1}`));
  await assertCommitRefused(l);
});

test('two entries claiming the same seq are a fork', async () => {
  await tamper(async (db) => {
    await db.put(key(5), await raw(db, 3));
  });
  const report = await (await reopen()).audit.verifyChain();
  const found = kinds(report.problems);
  assert.ok(found.includes('fork@5'), found.join());
  assert.ok(found.includes('broken-link@5') && found.includes('broken-link@6'), found.join());
});

test('a validly signed entry past the head is caught on open', async () => {
  await tamper(async (db) => {
    const last = JSON.parse(await raw(db, ENTRIES - 1)) as AuditEntry;
    const extra = createEntry(signer, { seq: last.seq, hash: entryHash(last) }, { kind: 'record.created', details: {} }, new Date().toISOString());
    await db.put(key(ENTRIES), JSON.stringify(extra));
  });
  const l = await reopen();
  assert.ok(!l.integrity.ok);
  assert.deepEqual(kinds(l.integrity.problems), [`beyond-head@${ENTRIES}`]);
  await assertCommitRefused(l);
  assert.deepEqual(kinds((await l.audit.verifyChain()).problems), [`beyond-head@${ENTRIES}`]);
});

test('swapped entries are reported as reordered', async () => {
  await tamper(async (db) => {
    const [three, four] = [await raw(db, 3), await raw(db, 4)];
    await db.put(key(3), four);
    await db.put(key(4), three);
  });
  const found = kinds((await (await reopen()).audit.verifyChain()).problems);
  assert.ok(found.includes('reordered@3') && found.includes('reordered@4'), found.join());
});

test('an entry moved to another seq is reported', async () => {
  await tamper(async (db) => {
    await db.put(key(12), await raw(db, 4));
    await db.del(key(4));
  });
  const l = await reopen();
  assert.equal(l.integrity.ok, false);
  const found = kinds((await l.audit.verifyChain()).problems);
  assert.deepEqual(found, ['missing@4', 'beyond-head@12', 'reordered@12']);
});

test('a rolled-back head pointer is caught on open', async () => {
  await tamper(async (db) => {
    const previous = JSON.parse(await raw(db, ENTRIES - 2)) as AuditEntry;
    await db.put('m:head', JSON.stringify({ seq: ENTRIES - 2, hash: entryHash(previous) }));
  });
  const l = await reopen();
  assert.ok(!l.integrity.ok);
  const found = kinds(l.integrity.problems);
  assert.ok(found.includes(`beyond-head@${ENTRIES - 1}`) && found.includes(`checkpoint-mismatch@${ENTRIES - 1}`), found.join());
});

test('a clean full verify restores writes after a bad open-time check is repaired', async () => {
  let saved = '';
  await tamper(async (db) => {
    saved = await raw(db, ENTRIES - 1);
    await db.del(key(ENTRIES - 1));
  });
  let l = await reopen();
  assert.equal(l.integrity.ok, false);
  await l.close();
  locker = undefined;
  await tamper((db) => db.put(key(ENTRIES - 1), saved));
  l = await reopen();
  assert.deepEqual(l.integrity, { ok: true });
  await l.commit(signer, { audit: [{ kind: 'record.created', details: {} }] });
  assert.equal((await l.audit.verifyChain()).ok, true);
});

test('an exported chain is restored verbatim and continues', async () => {
  const source = await reopen();
  const exported = JSON.parse(JSON.stringify(await source.audit.entries({ limit: 1000 }))) as unknown[];
  const head = source.audit.head();
  await source.close();
  locker = undefined;

  const dir2 = await mkdtemp(join(tmpdir(), 'kith-audit-'));
  try {
    const target = await openLocker(dir2, signer);
    const result = await target.importAuditEntries(exported, { batchSize: 3 });
    assert.equal(result.imported, ENTRIES);
    assert.deepEqual(result.head, head);
    await target.commit(signer, { audit: [{ kind: 'bundle.imported', details: {} }] });
    const entries = await target.audit.entries();
    assert.deepEqual(entries.slice(0, ENTRIES), exported);
    assert.equal(entries[ENTRIES]?.prev, head?.hash);
    assert.equal((await target.audit.verifyChain()).ok, true);
    await target.close();

    const tampered = structuredClone(exported) as Record<string, unknown>[];
    (tampered[6] as { details: Record<string, unknown> }).details = { id: 'forged' };
    const other = await openLocker(join(dir2, 'other'), signer);
    await assert.rejects(other.importAuditEntries(tampered), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
    assert.equal(other.audit.head()?.seq, 5, 'the verified prefix stays, as a consistent chain');
    assert.equal((await other.audit.verifyChain()).ok, true);
    await assert.rejects(other.importAuditEntries(exported.slice(7)), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
    await other.close();

    const stranger = testSigner();
    const foreign = await openLocker(join(dir2, 'foreign'), stranger);
    await assert.rejects(foreign.importAuditEntries(exported, { publicKey: signer.publicKey }), (e: unknown) => isKithError(e) && e.code === 'NotTrusted');
    await assert.rejects(foreign.importAuditEntries(exported), (e: unknown) => isKithError(e) && e.code === 'Corrupt');
    await foreign.close();
  } finally {
    await rm(dir2, { recursive: true, force: true });
  }
});
