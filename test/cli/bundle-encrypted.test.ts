// `kith export FILE --encrypt`, and `kith import` / `kith verify` of what it writes, through
// the real CLI: the round trip into a restored identity, that nothing personal can be read
// from the file, and that wrong passphrases and damaged files import nothing.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { initHome, restoreHome, runKith, tempHome } from './run-kith.ts';

const BUNDLE_PASS = 'the bundle passphrase, not the owner one';
const withPass = { KITH_EXPORT_PASSPHRASE: BUNDLE_PASS };
const HEADER = 176; // bytes before the first chunk (encrypted-bundle.ts)

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function assertUntouched(target: string) {
  assert.deepEqual((await runKith(target, ['data', 'list', '--json'])).json(), []);
  assert.deepEqual((await runKith(target, ['log', '--json'])).json(), []);
  const entries = await readdir(target);
  assert.deepEqual(entries.filter((name) => name.includes('importing') || name.includes('replaced')), [], 'no staging folders left');
}

async function exported(t: Parameters<typeof initHome>[0]) {
  const { home, did, recoveryPhrase } = await initHome(t);
  const street = 'Rua das Quokkas Azuis 7781';
  const address = (await runKith(home, ['data', 'set', 'address', JSON.stringify({ streetAddress: street, addressLocality: 'Lisbon', addressCountry: 'PT' }), '--json'])).json()['id'] as string;
  await runKith(home, ['data', 'update', address, JSON.stringify({ streetAddress: street, addressLocality: 'Porto', addressCountry: 'PT' })]);
  // A document of 200 KiB (several chunks) with a distinctive run of text in it.
  const marker = Buffer.from('DISTINCTIVE-DOCUMENT-BYTES-5f3a9c');
  const docFile = join(home, 'scan.bin');
  await writeFile(docFile, Buffer.concat([randomBytes(100 * 1024), marker, randomBytes(100 * 1024)]));
  const doc = (await runKith(home, ['doc', 'add', docFile, '--json'])).json()['id'] as string;
  const bundle = join(home, 'backup.kith');
  const run = await runKith(home, ['export', bundle, '--encrypt', '--json'], withPass);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.json(), { path: bundle, owner: did, records: 2, versions: 3, documents: 1, auditEntries: 3 });
  return { home, did, recoveryPhrase, street, marker, docFile, doc, bundle, address };
}

test('export --encrypt: nothing readable in the file; verify and import need its passphrase; the round trip is whole', async (t) => {
  const { home, did, recoveryPhrase, street, marker, docFile, doc, bundle, address } = await exported(t);

  const bytes = await readFile(bundle);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'KITHENCB');
  for (const needle of [street, 'Quokkas', marker.toString(), 'records.jsonl', 'ustar', 'KithBundleManifest', did]) {
    assert.equal(bytes.indexOf(needle), -1, `"${needle}" is not in the encrypted file`);
  }
  const docBytes = await readFile(docFile);
  assert.equal(bytes.indexOf(docBytes.subarray(5000, 5064)), -1, "the document's bytes are not in the file");
  // The log says the export was encrypted.
  const log = await runKith(home, ['log']);
  assert.match(log.stdout, /exported everything to backup\.kith .*encrypted with a passphrase/);

  // verify: with the passphrase it checks everything; without one it says it is encrypted.
  const verified = await runKith(home, ['verify', bundle, '--json'], withPass);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.deepEqual(verified.json(), { valid: true, kind: 'bundle', signers: [did], encrypted: true });
  const unchecked = await runKith(home, ['verify', bundle]);
  assert.equal(unchecked.code, 1);
  assert.match(unchecked.stdout, /NOT checked: the bundle is encrypted.*\nSet KITH_EXPORT_PASSPHRASE/);
  const wrongVerify = await runKith(home, ['verify', bundle], { KITH_EXPORT_PASSPHRASE: 'not it' });
  assert.equal(wrongVerify.code, 1);
  assert.match(wrongVerify.stdout, /NOT valid: The passphrase does not open this encrypted bundle/);

  // Another machine: the identity from its phrase, an empty locker.
  const other = await tempHome(t);
  await restoreHome(other, recoveryPhrase);
  const none = await runKith(other, ['import', bundle]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /No bundle passphrase was given.*KITH_EXPORT_PASSPHRASE/s);
  const wrong = await runKith(other, ['import', bundle], { KITH_EXPORT_PASSPHRASE: 'not it' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /passphrase does not open this encrypted bundle/);
  assert.doesNotMatch(wrong.stderr, /inside Kith|at /, 'a plain error, no stack');
  await assertUntouched(other);

  const imported = await runKith(other, ['import', bundle, '--json'], withPass);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.json()['records'], 2);
  const list = async (h: string) => (await runKith(h, ['data', 'list', '--json'])).json<unknown[]>();
  assert.deepEqual(await list(other), await list(home));
  assert.deepEqual(
    (await runKith(other, ['data', 'history', address, '--json'])).json<{ data: { addressLocality: string } }[]>().map((v) => v.data.addressLocality),
    ['Lisbon', 'Porto'],
  );
  const out = join(other, 'scan-again.bin');
  assert.equal((await runKith(other, ['doc', 'get', doc, out])).code, 0);
  assert.equal(await sha256File(out), await sha256File(docFile));
  assert.equal((await runKith(other, ['log', '--verify', '--json'])).json()['ok'], true);
});

test('a cut, altered or crafted encrypted bundle imports nothing and says what is wrong', async (t) => {
  const { home, recoveryPhrase, bundle } = await exported(t);
  const original = await readFile(bundle);
  const target = await tempHome(t);
  await restoreHome(target, recoveryPhrase);
  const withSum = (bytes: Buffer) => {
    createHash('sha256').update(bytes.subarray(0, HEADER - 32)).digest().copy(bytes, HEADER - 32);
    return bytes;
  };
  const cases: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2)), /altered or damaged: it is cut short/],
    ['flipped byte', (b) => ((b[HEADER + 70_000] = (b[HEADER + 70_000] ?? 0) ^ 0x40), b), /altered or damaged: chunk 1 does not verify/],
    ['flipped header byte', (b) => ((b[30] = (b[30] ?? 0) ^ 0x01), b), /altered or damaged: its header does not match its checksum/],
    ['absurd KDF parameters', (b) => ((b[10] = 40), withSum(b)), /key derivation parameters Kith does not accept/],
    ['newer format', (b) => ((b[8] = 2), b), /format version 2; this Kith reads version 1/],
  ];
  for (const [label, edit, message] of cases) {
    const bad = join(home, `${label.replaceAll(' ', '-')}.kith`);
    await writeFile(bad, edit(Buffer.from(original)));
    const run = await runKith(target, ['import', bad], withPass);
    assert.equal(run.code, 1, label);
    assert.match(run.stderr, message, label);
    assert.doesNotMatch(run.stderr, /inside Kith/, `${label}: not reported as a bug`);
    // verify reads the file through the same code; two cases are enough to show it (each run costs a scrypt).
    if (label === 'truncated' || label === 'flipped byte') {
      const verify = await runKith(home, ['verify', bad], withPass);
      assert.equal(verify.code, 1, label);
      assert.match(verify.stdout, message, label);
    }
  }
  await assertUntouched(target);
  // After all that, the untouched file still imports.
  const ok = await runKith(target, ['import', bundle], withPass);
  assert.equal(ok.code, 0, ok.stderr);
});
