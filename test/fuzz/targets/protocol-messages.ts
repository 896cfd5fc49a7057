// Every protocol's messages as a peer sends them: the bytes of one frame through the
// decode and schema check the responder does (wire.ts decodeRequest), and the answers the
// asking side reads (readAnswer, then the protocol's answer schema). Inputs are random
// bytes, random JSON, and valid messages of each protocol with random edits, so most cases
// get past JSON.parse and into the schemas. Round trip: a valid message, encoded, decodes
// to itself.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { z } from 'zod';
import type { JsonValue } from '../../../src/credentials/types.ts';
import { agreementRequestSchema, endAnswerSchema, profferAnswerSchema, profileAnswerSchema } from '../../../src/net/protocols/agreement/agreement-protocol.ts';
import { documentHeaderSchema, documentRequestSchema } from '../../../src/net/protocols/document/document-wire.ts';
import { inviteAnswerSchema, inviteRequestSchema } from '../../../src/net/protocols/invite/invite-protocol.ts';
import { nameAnswerSchema, nameRequestSchema } from '../../../src/net/protocols/name/name-protocol.ts';
import { receiptAnswerSchema, receiptMessageSchema } from '../../../src/net/protocols/receipt/receipt-protocol.ts';
import { approveAnswerSchema, dropAnswerSchema, holdAnswerSchema, recoveryMessageSchema, returnAnswerSchema } from '../../../src/net/protocols/recovery/recovery-protocol.ts';
import { receivedSchema, requestMessageSchema } from '../../../src/net/protocols/request/request-protocol.ts';
import { deliverAnswerSchema, revokeAnswerSchema, shareRequestSchema } from '../../../src/net/protocols/share/share-protocol.ts';
import { decodeRequest, encodeJson, errorAnswer, readAnswer, resultAnswer } from '../../../src/net/protocols/wire.ts';
import { KithError } from '../../../src/base/errors.ts';
import { wireBytes } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';

const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const vc: JsonValue = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: did }, proof: { type: 'DataIntegrityProof' } };
const b64 = (n: number) => 'A'.repeat(Math.ceil((n * 4) / 3));

interface Protocol {
  readonly name: string;
  readonly request: z.ZodType;
  readonly answers: readonly z.ZodType[];
  /** Valid requests, then valid answers (the results inside `{ result }`). */
  readonly requests: readonly JsonValue[];
  readonly results: readonly JsonValue[];
}

const PROTOCOLS: readonly Protocol[] = [
  {
    name: 'share',
    request: shareRequestSchema,
    answers: [deliverAnswerSchema, revokeAnswerSchema],
    requests: [{ type: 'deliver', credentials: [vc], receipts: [vc] }, { type: 'revoke', notice: vc }],
    results: [{ results: [{ status: 'stored' }, { status: 'refused', code: 'NotTrusted' }], receipts: [vc] }, { receipt: vc }],
  },
  {
    name: 'request',
    request: requestMessageSchema,
    answers: [receivedSchema],
    requests: [
      { type: 'ask', id: 'r0123456789abcdef', types: ['contact'], purpose: 'delivery', retentionDays: 30, fields: ['email'] },
      { type: 'answer', id: 'r0123456789abcdef', status: 'approved', grant: 'g0123456789abcdef', records: ['abcdefgh12'], reason: 'ok' },
    ],
    results: [{ received: true }],
  },
  {
    name: 'agreement',
    request: agreementRequestSchema,
    answers: [profferAnswerSchema, profileAnswerSchema, endAnswerSchema],
    requests: [{ type: 'profile' }, { type: 'proffer', agreement: vc }, { type: 'end', agreementId: 'a0123456789abcdef' }],
    results: [{ accepted: true, agreement: vc }, { accepted: false, refused: [{ id: 'no-onward-sharing', text: 'no' }] }, { profile: vc }, { ended: '2026-01-01T00:00:00Z' }],
  },
  {
    name: 'receipt',
    request: receiptMessageSchema,
    answers: [receiptAnswerSchema],
    requests: [{ type: 'purchase', credential: vc }, { type: 'deletion', receipt: vc }],
    results: [{ status: 'stored' }, { status: 'refused', code: 'InvalidSignature' }],
  },
  {
    name: 'document',
    request: documentRequestSchema,
    answers: [documentHeaderSchema],
    requests: [{ grant: 'g0123456789abcdef', record: 'abcdefgh12', sha256: 'a'.repeat(64) }],
    results: [{ size: 1024 }],
  },
  {
    name: 'invite',
    request: inviteRequestSchema,
    answers: [inviteAnswerSchema],
    requests: [{ invite: 'A'.repeat(22), proof: 'B'.repeat(43), card: { did, kind: 'person', name: 'Ana', addrs: ['/ip4/127.0.0.1/tcp/4001'] } }],
    results: [{ card: { did, kind: 'vendor', addrs: [] } }],
  },
  {
    name: 'name',
    request: nameRequestSchema,
    answers: [nameAnswerSchema],
    requests: [{}],
    results: [{ name: 'Ana' }, {}],
  },
  {
    name: 'recovery',
    request: recoveryMessageSchema,
    answers: [holdAnswerSchema, dropAnswerSchema, returnAnswerSchema, approveAnswerSchema],
    requests: [
      { type: 'hold', statement: vc, share: { epk: b64(32), nonce: b64(24), ciphertext: b64(49) } },
      { type: 'drop', setup: 'A'.repeat(22) },
      { type: 'approve', approval: vc },
      { type: 'return' },
    ],
    results: [{ receipt: vc }, { dropped: true }, { credentials: [vc], truncated: false }, { status: 'accepted', approvals: 1, threshold: 2 }],
  },
];

/** What the asking side does with an answer frame: readAnswer, then each schema it may expect. */
function readEveryAnswer(protocol: Protocol, bytes: Uint8Array): void {
  const result = readAnswer(bytes);
  for (const schema of protocol.answers) schema.safeParse(result);
}

const answerBytes = (protocol: Protocol) =>
  fc.oneof(
    wireBytes(protocol.results.map((result) => ({ result }))),
    fc.constantFrom('InvalidInput', 'RateLimited', 'Internal', 'NoSuchCode', '').map((code) => new TextEncoder().encode(JSON.stringify({ error: { code } }))),
  );

export const protocolTargets = PROTOCOLS.flatMap((protocol) => [
  defineTarget({
    name: `net/${protocol.name}/request`,
    covers: `/kith/${protocol.name} requests: JSON decode and the protocol's message schema`,
    arbitrary: wireBytes(protocol.requests),
    run: (bytes) => decodeRequest(protocol.request, bytes),
    roundTrip: {
      arbitrary: fc.constantFrom(...protocol.requests),
      check: (message) => assert.deepEqual(decodeRequest(protocol.request, encodeJson(message)), message),
      maxCases: 50,
    },
  }),
  defineTarget({
    name: `net/${protocol.name}/answer`,
    covers: `/kith/${protocol.name} answers: the { result } | { error } envelope and each answer schema`,
    arbitrary: answerBytes(protocol),
    run: (bytes) => readEveryAnswer(protocol, bytes),
    roundTrip: {
      arbitrary: fc.oneof(fc.constantFrom(...protocol.results), fc.constantFrom('InvalidInput', 'NotTrusted', 'RateLimited').map((code) => ({ code }))),
      check(value) {
        if (typeof value === 'object' && value !== null && 'code' in value && Object.keys(value).length === 1) {
          const code = (value as { code: 'InvalidInput' }).code;
          assert.throws(() => readAnswer(errorAnswer(code)), (e: unknown) => e instanceof KithError && e.code === code);
          return;
        }
        const result = readAnswer(resultAnswer(value));
        assert.deepEqual(result, value);
        assert.ok(protocol.answers.some((schema) => schema.safeParse(result).success), 'a valid answer fails every answer schema');
      },
    },
  }),
]);
