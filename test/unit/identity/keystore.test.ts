import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSeed } from '../../../src/identity/ed25519.ts';
import { didKeyFromPublicKey } from '../../../src/identity/did-key.ts';
import { ed25519PublicKeyFromSeed } from '../../../src/identity/ed25519.ts';
import {
  DEFAULT_SCRYPT,
  parseKeystore,
  readKeystore,
  readPublicIdentity,
  unlockKeystore,
  writeKeystore,
} from '../../../src/identity/keystore.ts';

const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } }; // tests only; the default is 2^17

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-keystore-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('write, read and unlock round-trip; the file is 0600 and atomic (no temp left)', () =>
  withDir(async (dir) => {
    const path = join(dir, 'identity.json');
    const seed = generateSeed();
    await writeKeystore(path, seed, 'correct horse battery staple', FAST);
    if (process.platform !== 'win32') assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['identity.json']);
    const file = await readKeystore(path);
    assert.ok(file);
    assert.equal(file.version, 1);
    assert.equal(file.did, didKeyFromPublicKey(ed25519PublicKeyFromSeed(seed)));
    assert.deepEqual(await unlockKeystore(file, 'correct horse battery staple'), seed);
    const text = await readFile(path, 'utf8');
    assert.equal(text.includes(Buffer.from(seed).toString('base64url')), false);
  }));

test('the default KDF is scrypt N=2^17 r=8 p=1 and works', () =>
  withDir(async (dir) => {
    const path = join(dir, 'k.json');
    const seed = generateSeed();
    const file = await writeKeystore(path, seed, 'pass');
    assert.deepEqual({ N: file.kdf.N, r: file.kdf.r, p: file.kdf.p }, DEFAULT_SCRYPT);
    assert.deepEqual(await unlockKeystore(file, 'pass'), seed);
  }));

test('a wrong passphrase gives WrongPassphrase with a hint', () =>
  withDir(async (dir) => {
    const path = join(dir, 'k.json');
    await writeKeystore(path, generateSeed(), 'right', FAST);
    const file = await readKeystore(path);
    assert.ok(file);
    await assert.rejects(unlockKeystore(file, 'wrong'), (error: { code: string; hint?: string }) => {
      assert.equal(error.code, 'WrongPassphrase');
      assert.match(error.hint ?? '', /recovery phrase/u);
      return true;
    });
  }));

test('an empty passphrase is refused', async () => {
  await assert.rejects(writeKeystore('/nonexistent/x.json', generateSeed(), '', FAST), { code: 'InvalidInput' });
});

test('a swapped DID (or changed KDF parameters) is detected', () =>
  withDir(async (dir) => {
    const path = join(dir, 'k.json');
    const file = await writeKeystore(path, generateSeed(), 'pass', FAST);
    const other = didKeyFromPublicKey(ed25519PublicKeyFromSeed(generateSeed()));
    await assert.rejects(unlockKeystore({ ...file, did: other }, 'pass'), { code: 'WrongPassphrase' });
    await assert.rejects(unlockKeystore({ ...file, kdf: { ...file.kdf, r: 9 } }, 'pass'), { code: 'WrongPassphrase' });
  }));

test('the public identity is readable without the passphrase', () =>
  withDir(async (dir) => {
    const path = join(dir, 'k.json');
    const seed = generateSeed();
    await writeKeystore(path, seed, 'pass', FAST);
    const identity = await readPublicIdentity(path);
    assert.ok(identity);
    assert.match(identity.peerId, /^12D3KooW/u);
    await assert.rejects(readPublicIdentity(join(dir, 'missing.json')), { code: 'NotFound' });
    assert.deepEqual(identity.publicKey, ed25519PublicKeyFromSeed(seed));
    assert.equal(identity.did, didKeyFromPublicKey(identity.publicKey));
  }));

test('malformed files are Corrupt; a missing file is NotFound', () =>
  withDir(async (dir) => {
    const good = JSON.parse(JSON.stringify(await writeKeystore(join(dir, 'k.json'), generateSeed(), 'pass', FAST))) as Record<
      string,
      Record<string, unknown>
    >;
    const variants: unknown[] = [
      'not json',
      null,
      [],
      { ...good, version: 2 },
      { ...good, extra: 1 },
      { ...good, did: 'did:web:x' },
      { ...good, kdf: { ...good['kdf'], N: 2 ** 30 } },
      { ...good, kdf: { ...good['kdf'], N: 1000 } },
      { ...good, kdf: { ...good['kdf'], r: 32, p: 16, N: 2 ** 20 } },
      { ...good, cipher: { ...good['cipher'], nonce: 'AAAA' } },
      { ...good, cipher: { ...good['cipher'], name: 'aes-128-cbc' } },
    ];
    for (const variant of variants) {
      const text = typeof variant === 'string' ? variant : JSON.stringify(variant);
      assert.throws(() => parseKeystore(text), { code: 'Corrupt' }, text.slice(0, 60));
    }
    await writeFile(join(dir, 'bad.json'), '{"version":1}');
    await assert.rejects(readKeystore(join(dir, 'bad.json')), { code: 'Corrupt' });
    await assert.rejects(readKeystore(join(dir, 'missing.json')), { code: 'NotFound' });
  }));
