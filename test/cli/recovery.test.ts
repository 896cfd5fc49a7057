// `kith recovery …` refusing what it cannot do, in words and with stable codes, before
// anything is sent: too few friends or a threshold of one, a friend who is not a contact,
// a recovery in a folder that has an identity or with no node running, a code that is not
// one, an approval without a share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initHome, runKith, tempHome } from './run-kith.ts';

const errorOf = (run: { stderr: string }) => (JSON.parse(run.stderr) as { error: { code: string; message: string } }).error;

test('recovery commands refuse bad input in words, with stable codes', async (t) => {
  const [{ home }, empty] = await Promise.all([initHome(t), tempHome(t)]);
  const noFriends = await runKith(home, ['recovery', 'setup', '--threshold', '2', '--json']);
  assert.equal(noFriends.code, 1);
  assert.match(errorOf(noFriends).message, /--friends names your recovery friends/);
  const one = await runKith(home, ['recovery', 'setup', '--friends', 'Ana,Ben', '--threshold', '1', '--json']);
  assert.equal(errorOf(one).code, 'InvalidInput');
  assert.match(errorOf(one).message, /at least 2, so no friend can recover alone/);
  const strangers = await runKith(home, ['recovery', 'setup', '--friends', 'Ana,Ben', '--threshold', '2', '--json']);
  assert.equal(errorOf(strangers).code, 'NotFound');
  assert.match(errorOf(strangers).message, /no contact called "Ana"/);
  const notACode = await runKith(home, ['recovery', 'approve', 'kith1nope', '--json']);
  assert.equal(errorOf(notACode).code, 'InvalidInput');
  assert.match(errorOf(notACode).message, /not a Kith recovery code/);
  const code = `kithr1${Buffer.from(JSON.stringify({ v: 1, peer: '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp', nonce: 'N'.repeat(22), addrs: [] })).toString('base64url')}`;
  const noShare = await runKith(home, ['recovery', 'approve', code, '--json']);
  assert.equal(errorOf(noShare).code, 'NotFound');
  assert.match(errorOf(noShare).message, /You hold no recovery shares/);
  const status = await runKith(home, ['recovery', 'status']);
  assert.match(status.stdout, /You have no recovery friends yet/);
  const taken = await runKith(home, ['recovery', 'start', '--json']);
  assert.equal(errorOf(taken).code, 'AlreadyExists');

  assert.match((await runKith(empty, ['recovery', 'status'])).stdout, /No recovery is under way/);
  const offline = await runKith(empty, ['recovery', 'start', '--json']);
  assert.equal(errorOf(offline).code, 'Unreachable');
  assert.match(errorOf(offline).message, /needs this device’s node running/);
});
