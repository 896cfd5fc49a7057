// Checking a batch of shared credentials on worker threads gives exactly what checking it
// here gives — the same facts and the same refusal codes, in the same order — and a small
// batch (a live update) never goes to a worker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { PARALLEL_FROM, SharedCredentialChecker } from '../../../src/trust/shared-credential-checker.ts';
import { checkSharedCredentials, sharedRecordCredential } from '../../../src/trust/shared-credential.ts';

const grant = { id: 'g0123456789abcdef', purpose: 'Catching up', terms: [] };
const time = new Date().toISOString();

/** A batch with every kind of credential a holder can be sent, good and bad, interleaved. */
function mixedBatch(owner: OwnerKey, holder: OwnerKey): { batch: unknown[]; codes: (string | undefined)[] } {
  const forger = OwnerKey.generate();
  const stranger = OwnerKey.generate();
  const shared = (signer: OwnerKey, n: number, to = holder.did, deleted = false) =>
    sharedRecordCredential(signer, {
      holder: to,
      grant,
      record: { id: `rec${String(n).padStart(8, '0')}`, type: 'address', version: n + 1, deleted, ...(deleted ? {} : { data: { addressLocality: `Town ${n}` } }) },
      time,
    });
  const kinds: [string | undefined, (n: number) => unknown][] = [
    [undefined, (n) => shared(owner, n)],
    ['NotTrusted', (n) => shared(forger, n)], // signed by someone else
    ['NotTrusted', (n) => shared(owner, n, stranger.did)], // addressed to another holder
    ['InvalidSignature', (n) => ({ ...shared(owner, n), validFrom: '2020-01-01T00:00:00Z' })], // altered after signing
    [undefined, (n) => shared(owner, n, holder.did, true)], // a deletion
    ['InvalidInput', () => ({ type: ['VerifiableCredential'] })], // malformed
    ['InvalidInput', () => ({})],
  ];
  const batch: unknown[] = [];
  const codes: (string | undefined)[] = [];
  for (let n = 0; n < 6 * kinds.length; n++) {
    const [code, make] = kinds[n % kinds.length]!;
    batch.push(make(n));
    codes.push(code);
  }
  return { batch, codes };
}

test('a large batch checked on worker threads gives the same results, in the same order, as one checked here', async (t) => {
  const owner = OwnerKey.generate();
  const holder = OwnerKey.generate();
  const expected = { owner: owner.did, holder: holder.did };
  const { batch, codes } = mixedBatch(owner, holder);
  // Three lanes on any machine: uneven slices, so the joining of slices is checked too.
  const checker = new SharedCredentialChecker({ lanes: 3 });
  t.after(() => checker.close());

  const inline = checkSharedCredentials(batch, expected);
  assert.deepEqual(inline.map((c) => (c.ok ? undefined : c.code)), codes, 'each kind refused with its own code');
  const pooled = await checker.check(batch, expected);
  assert.deepEqual(pooled, inline);
  assert.deepEqual(await checker.check(batch.slice(0, PARALLEL_FROM), expected), inline.slice(0, PARALLEL_FROM), 'at the threshold');
});

test('a batch below the threshold is checked on this thread: no worker is started', async () => {
  const owner = OwnerKey.generate();
  const holder = OwnerKey.generate();
  const { batch } = mixedBatch(owner, holder);
  const checker = new SharedCredentialChecker();
  await checker.close(); // a closed pool refuses work: only the inline path can answer now
  const small = batch.slice(0, PARALLEL_FROM - 1);
  assert.deepEqual(await checker.check(small, { owner: owner.did, holder: holder.did }), checkSharedCredentials(small, { owner: owner.did, holder: holder.did }));
});
