import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import tar from 'tar-stream';
import { initHome, restoreHome, runKith, tempHome } from './run-kith.ts';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Copies a tar, letting `edit` change (or drop, with null) any entry's content. */
async function rewriteTar(from: string, to: string, edit: (name: string, body: Buffer) => Buffer | null): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  const out = pipeline(pack, createWriteStream(to));
  const reading = pipeline(createReadStream(from), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const body = edit(entry.header.name, Buffer.concat(chunks));
    if (body !== null) pack.entry({ name: entry.header.name }, body);
  }
  await reading;
  pack.finalize();
  await out;
}

test('export, verify, and import into a restored identity on a fresh locker', async (t) => {
  const { home, did, recoveryPhrase } = await initHome(t);
  const email = (await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}', '--json'])).json()['id'] as string;
  await runKith(home, ['data', 'update', email, '{"address":"ana@example.net"}']);
  const gone = (await runKith(home, ['data', 'set', 'phone', '{"number":"+351 21 000 0000"}', '--json'])).json()['id'] as string;
  await runKith(home, ['data', 'rm', gone]);
  const file = join(home, 'report.bin');
  await pipeline(Readable.from([randomBytes(3 * 1024 * 1024)]), createWriteStream(file));
  const doc = (await runKith(home, ['doc', 'add', file, '--json'])).json()['id'] as string;

  const bundle = join(home, 'backup.kith');
  const exported = await runKith(home, ['export', bundle, '--json']);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(exported.json(), { path: bundle, owner: did, records: 3, versions: 5, documents: 1, auditEntries: 5 });
  const verified = await runKith(home, ['verify', bundle, '--json']);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.deepEqual(verified.json(), { valid: true, kind: 'bundle', signers: [did] });

  // Another machine: same identity from the phrase, empty locker.
  const other = await tempHome(t);
  assert.equal((await runKith(other, ['restore'], { KITH_RECOVERY_PHRASE: recoveryPhrase })).code, 0);
  const imported = await runKith(other, ['import', bundle, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const list = async (h: string) => (await runKith(h, ['data', 'list', '--json'])).json<unknown[]>();
  assert.deepEqual(await list(other), await list(home));
  assert.deepEqual(
    (await runKith(other, ['data', 'history', gone, '--json'])).json<{ deleted: boolean }[]>().map((v) => v.deleted),
    [false, true],
  );
  const out = join(other, 'report-again.bin');
  assert.equal((await runKith(other, ['doc', 'get', doc, out])).code, 0);
  assert.equal(await sha256File(out), await sha256File(file));
  const log = await runKith(other, ['log', '--verify', '--json']);
  assert.equal(log.json()['ok'], true);
  assert.ok((log.json()['count'] as number) > 5, 'the original trail continues with the import');

  // Importing twice is refused: the locker is no longer empty.
  const twice = await runKith(other, ['import', bundle]);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /only be imported into an empty/);

  // Someone else cannot import my bundle as theirs.
  const stranger = await initHome(t);
  const theirs = await runKith(stranger.home, ['import', bundle]);
  assert.equal(theirs.code, 1);
  assert.match(theirs.stderr, /belongs to did:key/);
});

test('a tampered bundle is rejected with the offending item named, and nothing is imported', async (t) => {
  const { home, recoveryPhrase } = await initHome(t);
  await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}']);
  await runKith(home, ['data', 'set', 'name', '{"full":"Ana Lima"}']);
  const bundle = join(home, 'b.kith');
  assert.equal((await runKith(home, ['export', bundle])).code, 0);

  const cases: [string, (name: string, body: Buffer) => Buffer | null, RegExp][] = [
    ['changed record', (n, b) => (n === 'records.jsonl' ? Buffer.from(b.toString().replace('ana@example.org', 'eve@example.org')) : b), /records.jsonl does not match the manifest/],
    ['dropped audit entry', (n, b) => (n === 'audit.jsonl' ? Buffer.from(b.toString().split('\n').slice(1).join('\n')) : b), /audit.jsonl does not match the manifest/],
    ['missing part', (n, b) => (n === 'audit.jsonl' ? null : b), /audit.jsonl is missing/],
    ['forged manifest', (n, b) => (n === 'manifest.json' ? Buffer.from(b.toString().replace('"records": 2', '"records": 3')) : b), /manifest.json is not validly signed/],
  ];
  const other = await tempHome(t);
  await restoreHome(other, recoveryPhrase);
  for (const [label, edit, message] of cases) {
    const bad = join(home, `bad-${label.replaceAll(' ', '-')}.kith`);
    await rewriteTar(bundle, bad, edit);
    const verify = await runKith(home, ['verify', bad]);
    assert.equal(verify.code, 1, label);
    assert.match(verify.stdout, message, label);
    const imported = await runKith(other, ['import', bad]);
    assert.equal(imported.code, 1, label);
    assert.match(imported.stderr, message, label);
  }
  assert.deepEqual((await runKith(other, ['data', 'list', '--json'])).json(), []);
  assert.equal((await runKith(other, ['log', '--json'])).json<unknown[]>().length, 0);

  const notTar = join(home, 'not-a-bundle.kith');
  await writeFile(notTar, 'hello');
  const run = await runKith(other, ['import', notTar]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /not a Kith bundle/);
});

test('verify checks any did:key credential offline: W3C vector valid, tampered copy not', async (t) => {
  const home = await tempHome(t);
  const vector = join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors', 'vc-di-eddsa', 'eddsa-jcs-2022', 'signedJCS.json');
  const ok = await runKith(home, ['verify', vector, '--json']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(ok.json()['kind'], 'credential');

  // Proof sets and chains signed with eddsa-rdfc-2022 (JSON-LD canonicalization, offline contexts).
  const chain = join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors', 'vc-di-eddsa', 'proof-set-chain', 'signedProofChain2.json');
  const chained = await runKith(home, ['verify', chain, '--json']);
  assert.equal(chained.code, 0, chained.stdout + chained.stderr);
  assert.equal(chained.json<{ signers: string[] }>().signers.length, 4);

  const tampered = join(home, 'tampered.json');
  const credential = JSON.parse(await readFile(vector, 'utf8'));
  credential.credentialSubject.alumniOf = 'Someone Else';
  await writeFile(tampered, JSON.stringify(credential));
  const bad = await runKith(home, ['verify', tampered]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /NOT valid: .*(signature|verify)/i);

  const garbage = join(home, 'garbage.json');
  await writeFile(garbage, '{"not": "a credential"');
  assert.equal((await runKith(home, ['verify', garbage])).code, 1);
  assert.equal((await runKith(home, ['verify', join(home, 'missing.json')])).code, 1);
});
