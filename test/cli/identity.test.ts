import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ed25519PublicKeyFromPeerId } from '../../src/identity/peer-id.ts';
import { publicKeyFromDidKey } from '../../src/identity/did-key.ts';
import { initHome, runKith, tempHome } from './run-kith.ts';

test('init creates one key that is both the did:key and the PeerId, and shows 24 words once', async (t) => {
  const { home, did, peerId, recoveryPhrase } = await initHome(t);
  assert.match(did, /^did:key:z6Mk/);
  assert.match(peerId, /^12D3KooW/);
  assert.deepEqual(publicKeyFromDidKey(did), ed25519PublicKeyFromPeerId(peerId));
  assert.equal(recoveryPhrase.split(' ').length, 24);

  const whoami = await runKith(home, ['whoami', '--json']);
  assert.equal(whoami.code, 0);
  assert.equal(whoami.json()['did'], did);
  assert.equal(whoami.json()['peerId'], peerId);

  const human = await runKith(home, ['whoami']);
  assert.match(human.stdout, new RegExp(`DID: +${did}`));

  // The secret is encrypted at rest and private to the owner.
  const keystore = await readFile(join(home, 'keystore.json'), 'utf8');
  assert.ok(!keystore.includes(recoveryPhrase));
  if (process.platform !== 'win32') assert.equal((await stat(join(home, 'keystore.json'))).mode & 0o777, 0o600);
});

test('init refuses to replace an existing identity', async (t) => {
  const { home, did } = await initHome(t);
  const again = await runKith(home, ['init']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);
  assert.equal((await runKith(home, ['whoami', '--json'])).json()['did'], did);
});

test('restore rebuilds the identical identity from the recovery phrase', async (t) => {
  const { did, peerId, recoveryPhrase } = await initHome(t);
  const elsewhere = await tempHome(t);
  const restored = await runKith(elsewhere, ['restore', '--json'], { KITH_RECOVERY_PHRASE: `  ${recoveryPhrase.toUpperCase()} ` });
  assert.equal(restored.code, 0, restored.stderr);
  assert.equal(restored.json()['did'], did);
  assert.equal(restored.json()['peerId'], peerId);
});

test('a mistyped recovery phrase names the problem and creates nothing', async (t) => {
  const { recoveryPhrase } = await initHome(t);
  const elsewhere = await tempHome(t);
  const words = recoveryPhrase.split(' ');
  words[3] = 'notaword';
  const run = await runKith(elsewhere, ['restore'], { KITH_RECOVERY_PHRASE: words.join(' ') });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /4th word/i);
  assert.ok(!run.stderr.includes(words[0]!), 'the phrase is never echoed');
  assert.equal((await runKith(elsewhere, ['whoami'])).code, 1);
});

test('a wrong passphrase is a clear error and changes nothing', async (t) => {
  const { home } = await initHome(t);
  assert.equal((await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}'])).code, 0);
  const wrong = await runKith(home, ['data', 'set', 'email', '{"address":"eve@example.org"}'], { KITH_PASSPHRASE: 'not it' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /passphrase does not unlock/);
  assert.equal(wrong.stderr.trim().split('\n').length, 1, 'one line');
  const list = await runKith(home, ['data', 'list', '--json']);
  assert.deepEqual(
    list.json<{ data: { address: string } }[]>().map((r) => r.data.address),
    ['ana@example.org'],
  );
});

test('commands before init say what to do', async (t) => {
  const home = await tempHome(t);
  const run = await runKith(home, ['data', 'list']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /no identity here yet.*kith init/);
});

test('usage errors exit 2 with the usage line', async (t) => {
  const home = await tempHome(t);
  const unknown = await runKith(home, ['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command/);
  const arity = await runKith(home, ['data', 'get']);
  assert.equal(arity.code, 2);
  assert.match(arity.stderr, /Usage: kith data get ID/);
  const flag = await runKith(home, ['whoami', '--bogus']);
  assert.equal(flag.code, 2);
});
