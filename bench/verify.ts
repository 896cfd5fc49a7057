// Our rule-checked verifyEd25519 (cached keys) against Node's bare native
// crypto.verify with a cached KeyObject: same 200-byte messages, same signatures.
// The rule's per-signature cost (byte compares, no allocation) must stay under 10%.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { compareRates, rateOf, report } from './harness.ts';
import { ed25519SigningFromSeed, generateSeed, verifyEd25519 } from '../src/identity/ed25519.ts';

const MESSAGES = 256;
const KEYS = 16;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

interface Case {
  readonly publicKey: Uint8Array;
  readonly keyObject: KeyObject;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

function makeCases(): Case[] {
  const signers = Array.from({ length: KEYS }, () => ed25519SigningFromSeed(generateSeed()));
  return Array.from({ length: MESSAGES }, (_, i) => {
    const signer = signers[i % KEYS] as (typeof signers)[number];
    const message = new Uint8Array(200);
    globalThis.crypto.getRandomValues(message);
    const keyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, signer.publicKey]), format: 'der', type: 'spki' });
    return { publicKey: signer.publicKey, keyObject, message, signature: signer.sign(message) };
  });
}

export async function benchVerify(): Promise<void> {
  const cases = makeCases();
  for (const c of cases) if (!verifyEd25519(c.publicKey, c.message, c.signature)) throw new Error('bench setup: bad signature');
  const baseline = () =>
    rateOf(() => {
      for (const c of cases) if (!verify(null, c.message, c.keyObject, c.signature)) throw new Error('baseline failed');
    }, cases.length);
  const subject = () =>
    rateOf(() => {
      for (const c of cases) if (!verifyEd25519(c.publicKey, c.message, c.signature)) throw new Error('subject failed');
    }, cases.length);
  const { baseline: b, subject: s } = await compareRates(baseline, subject);
  report('Ed25519 verify (rule + cached key) vs bare native verify', 'verifies/s', b.rate, s.rate, { atLeast: 0.9 });
}
