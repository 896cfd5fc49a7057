import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { LINK_PREFIX, createInvite, readInvite } from '../../../src/trust/invite-code.ts';

const inviter = OwnerKey.generate();
const soon = () => new Date(Date.now() + 60_000);

test('an invite code round-trips, as a code or a link, and carries who and where', () => {
  const invite = createInvite(inviter, { kind: 'person', addrs: ['/ip4/127.0.0.1/tcp/4001'], expires: soon(), name: 'Ana' });
  assert.ok(invite.code.startsWith('kith1'));
  assert.equal(invite.link, LINK_PREFIX + invite.code);
  for (const text of [invite.code, invite.link, `  ${invite.code}\n`]) {
    const read = readInvite(text);
    assert.equal(read.did, inviter.did);
    assert.equal(read.peerId, inviter.peerIdString);
    assert.deepEqual(read.addrs, ['/ip4/127.0.0.1/tcp/4001']);
    assert.equal(read.secret, invite.payload.secret);
  }
});

test('expired, forged, damaged and foreign codes are refused with a reason', () => {
  const expired = createInvite(inviter, { kind: 'person', addrs: [], expires: new Date(Date.now() - 1000) });
  assert.throws(() => readInvite(expired.code), /expired/);

  const invite = createInvite(inviter, { kind: 'person', addrs: [], expires: soon() });
  const decoded = JSON.parse(Buffer.from(invite.code.slice(5), 'base64url').toString());
  const reencode = (value: unknown) => 'kith1' + Buffer.from(JSON.stringify(value)).toString('base64url');
  // A changed address (sending the acceptor elsewhere) breaks the signature.
  assert.throws(() => readInvite(reencode({ ...decoded, addrs: ['/ip4/6.6.6.6/tcp/1'] })), { code: 'InvalidSignature' });
  // Someone else's identity with the inviter's signature.
  const other = OwnerKey.generate();
  assert.throws(() => readInvite(reencode({ ...decoded, did: other.did })), /different keys|signature/);
  assert.throws(() => readInvite(reencode({ ...decoded, did: other.did, peerId: other.peerIdString })), { code: 'InvalidSignature' });
  assert.throws(() => readInvite('hello'), /not a Kith invite code/);
  assert.throws(() => readInvite('kith1' + 'A'.repeat(5000)), /not a Kith invite code/);
  assert.throws(() => readInvite('kith1!!!'), /not a Kith invite code/);
  assert.throws(() => readInvite(reencode({ ...decoded, extra: 1 })), { code: 'InvalidInput' });
});
