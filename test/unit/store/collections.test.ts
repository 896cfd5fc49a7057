import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Signer } from '../../../src/identity/signer.ts';
import { openLocker, type LockerUnlock } from '../../../src/store/locker.ts';

function testSigner(): Signer & LockerUnlock {
  const wrappingKey = new Uint8Array(randomBytes(32));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  return { did: 'did:key:test', verificationMethod: 'did:key:test#k', publicKey: raw, sign: (m) => new Uint8Array(sign(null, m, privateKey)), lockerWrappingKey: () => wrappingKey };
}

test('collection items are written with their audit entry, listed in id order, and deleted', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-items-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const signer = testSigner();
  let locker = await openLocker(dir, signer);
  await locker.commit(signer, {
    items: [
      { collection: 'contacts', id: 'b', value: { petname: 'Bea' } },
      { collection: 'contacts', id: 'a', value: { petname: 'Ana' } },
      { collection: 'circles', id: 'family', value: { members: ['a'] } },
    ],
    audit: [{ kind: 'contact.added', details: {} }],
  });
  assert.deepEqual(await locker.collections.get('contacts', 'a'), { petname: 'Ana' });
  assert.deepEqual((await locker.collections.list('contacts')).map((item) => item.id), ['a', 'b']);
  assert.deepEqual(await locker.collections.list('contacts', 'b'), [{ id: 'b', value: { petname: 'Bea' } }]);
  assert.deepEqual(await locker.collections.getMany('contacts', ['b', 'zz', 'a']), [{ petname: 'Bea' }, undefined, { petname: 'Ana' }], 'in the order asked, undefined where none');
  assert.deepEqual(await locker.collections.getMany('contacts', []), []);
  await assert.rejects(locker.collections.getMany('contacts', ['a', 'x\u0000y']), { code: 'InvalidInput' });
  await locker.close();

  locker = await openLocker(dir, signer);
  await locker.commit(signer, { items: [{ collection: 'contacts', id: 'a', value: null }], audit: [{ kind: 'peer.blocked', details: {} }] });
  assert.equal(await locker.collections.get('contacts', 'a'), undefined);
  assert.equal((await locker.audit.verifyChain()).count, 2);
  await assert.rejects(locker.commit(signer, { items: [{ collection: 'Bad Name', id: 'x', value: 1 }], audit: [] }), { code: 'InvalidInput' });
  await assert.rejects(locker.commit(signer, { items: [{ collection: 'contacts', id: 'a\u0000b', value: 1 }], audit: [] }), { code: 'InvalidInput' });
  assert.deepEqual((await locker.collections.list('contacts')).map((item) => item.id), ['b'], 'a refused change wrote nothing');
  await locker.close();
});
