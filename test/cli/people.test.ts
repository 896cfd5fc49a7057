import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../src/identity/identity.ts';
import { initHome, runKith } from './run-kith.ts';

test('circles and blocks from the command line', async (t) => {
  const { home } = await initHome(t);
  assert.match((await runKith(home, ['contacts'])).stdout, /No contacts yet/);
  assert.equal((await runKith(home, ['circle', 'create', 'Family'])).code, 0);
  const dup = await runKith(home, ['circle', 'create', 'family']);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /already have a circle called "family"/);
  assert.equal((await runKith(home, ['circle', 'rename', 'Family', 'Família'])).code, 0);
  const circles = (await runKith(home, ['circle', 'list', '--json'])).json<{ name: string; members: unknown[] }[]>();
  assert.deepEqual(circles.map((c) => [c.name, c.members.length]), [['Família', 0]]);
  const nobody = await runKith(home, ['circle', 'add', 'Família', 'Zé']);
  assert.equal(nobody.code, 1);
  assert.match(nobody.stderr, /no contact called "Zé"/);

  // A stranger can be blocked by DID or PeerId before ever being a contact.
  const stranger = OwnerKey.generate();
  const blocked = await runKith(home, ['block', stranger.did, '--json']);
  assert.deepEqual(blocked.json(), { peerId: stranger.peerIdString, blocked: true });
  assert.equal((await runKith(home, ['unblock', stranger.peerIdString])).code, 0);
  assert.equal((await runKith(home, ['block', 'not-a-peer'])).code, 1);

  assert.equal((await runKith(home, ['circle', 'rm', 'Família'])).code, 0);
  assert.deepEqual((await runKith(home, ['circle', 'list', '--json'])).json(), []);
  const kinds = (await runKith(home, ['log', '--json'])).json<{ kind: string }[]>().map((e) => e.kind);
  assert.deepEqual(kinds, ['circle.created', 'circle.renamed', 'peer.blocked', 'peer.unblocked', 'circle.deleted']);
});
