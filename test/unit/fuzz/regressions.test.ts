// Inputs the fuzz suite (test/fuzz) found that broke a decoder, kept exactly as found: each
// must now fail with its stable code (before the fix each was an untyped throw).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { streamPair } from '@libp2p/utils';
import { KithError } from '../../../src/base/errors.ts';
import { addProof } from '../../../src/credentials/data-integrity.ts';
import type { JsonObject } from '../../../src/credentials/types.ts';
import { frameReader } from '../../../src/net/protocols/framing.ts';
import { countersign } from '../../../src/net/protocols/share/share-protocol.ts';
import { consentReceipt } from '../../../src/trust/consent-receipt.ts';
import { parseTerms } from '../../../src/trust/terms.ts';
import { holder, owner } from '../../fuzz/targets/fixtures.ts';

const code = (expected: string) => (error: unknown) => error instanceof KithError && error.code === expected;

async function readOne(bytes: readonly number[], max: number): Promise<Uint8Array | undefined> {
  const [a, b] = await streamPair({ delay: 0 });
  const reader = frameReader(b, max);
  a.send(Uint8Array.from(bytes));
  await a.close();
  try {
    return await reader.next(AbortSignal.timeout(5_000));
  } finally {
    a.abort(new Error('done'));
    b.abort(new Error('done'));
  }
}

test('net/framing: a stream that ends inside a frame is Protocol (was UnexpectedEOFError)', async () => {
  // Seed 241911257: a prefix announcing 1 byte, then the end of the stream.
  await assert.rejects(readOne([1], 1), code('Protocol'));
  await assert.rejects(readOne([5, 1, 2], 1024), code('Protocol'));
});

test('net/framing: bytes beyond one frame in one piece are InvalidInput (was StreamBufferError)', async () => {
  // Seed 730212712: three empty frames at once, where one frame may take 2 bytes.
  await assert.rejects(readOne([0, 0, 0], 1), code('InvalidInput'));
});

test('trust/consent-receipt: a signed receipt naming a null controller is NotTrusted (was TypeError)', () => {
  // Seed 2141639271: piiControllers [null], signed again by the owner.
  const grant = { id: 'g0123456789abcdef', to: { kind: 'contact' as const, peerId: holder.peerIdString }, records: [{ id: 'addr00000001' }], purpose: 'Delivery', terms: parseTerms('delivery-only'), created: '2026-12-01T10:00:00Z' };
  const { proof: _proof, ...receipt } = consentReceipt(owner, { grant, holder: { did: holder.did, name: 'Livraria' }, categories: ['address'] });
  const subject = receipt['credentialSubject'] as JsonObject;
  const forged = addProof({ ...receipt, credentialSubject: { ...subject, piiControllers: [null] } }, owner, { proofPurpose: 'assertionMethod' });
  assert.throws(() => countersign(forged, owner.did, holder), code('NotTrusted'));
});
