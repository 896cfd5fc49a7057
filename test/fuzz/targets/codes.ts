// Codes people paste: invite codes and links (kith1…, kith:invite/…) and recovery codes
// (kithr1…). Inputs: any text, and real codes with their base64url body or their JSON
// edited (and, for invites, signed again by the inviter, so the edit reaches the checks
// after the signature). Round trip: a code made by the encoder reads back as its payload.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { canonicalBytes } from '../../../src/credentials/jcs.ts';
import type { JsonValue } from '../../../src/credentials/types.ts';
import { createInvite, LINK_PREFIX, readInvite } from '../../../src/trust/invite-code.ts';
import { readRecoveryCode, recoveryCode } from '../../../src/trust/recovery-code.ts';
import { anyText, mutated } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';
import { owner } from './fixtures.ts';

const FUTURE = new Date('2100-01-01T00:00:00Z');
const NOW = new Date('2026-12-01T00:00:00Z');
const invite = createInvite(owner, { kind: 'person', addrs: ['/ip4/127.0.0.1/tcp/4001', '/dns4/relay.example/tcp/443/wss'], expires: FUTURE, name: 'Ana' });
const recovery = recoveryCode({ peer: owner.peerIdString, nonce: 'A'.repeat(22), addrs: ['/ip4/127.0.0.1/tcp/4001'] });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const body = (code: string, prefix: string) => JSON.parse(Buffer.from(code.slice(prefix.length), 'base64url').toString('utf8')) as JsonValue;

/** The edited payload of an invite, signed again by its inviter when `resign`. */
function inviteCode(value: JsonValue, resign: boolean): string {
  if (resign && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { sig: _sig, ...payload } = value;
    try {
      return `kith1${b64({ ...payload, sig: Buffer.from(owner.sign(canonicalBytes(payload))).toString('base64url') })}`;
    } catch {
      // not canonicalizable: sent as edited
    }
  }
  return `kith1${b64(value)}`;
}

/** Text around a code, as pasted: spaces, the link prefix, cut short, a character changed. */
const pasted = (code: fc.Arbitrary<string>) =>
  fc.tuple(code, fc.constantFrom('', ' ', '\n', LINK_PREFIX), fc.nat(), fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }))).map(([text, before, at, insert]) => {
    const cut = at % (text.length + 1);
    return `${before}${text.slice(0, cut)}${insert}${text.slice(cut + (insert === '' ? 0 : 1))}`;
  });

const inviteInputs = fc.oneof(
  anyText(),
  pasted(fc.constant(invite.code)),
  fc.tuple(mutated([body(invite.code, 'kith1')]), fc.boolean()).map(([value, resign]) => inviteCode(value, resign)),
  fc.string({ unit: fc.constantFrom(...'ABCabc019-_'), maxLength: 5000 }).map((s) => `kith1${s}`),
);

const recoveryInputs = fc.oneof(anyText(), pasted(fc.constant(recovery)), mutated([body(recovery, 'kithr1')]).map((value) => `kithr1${b64(value)}`));

export const codeTargets = [
  defineTarget({
    name: 'trust/invite-code',
    covers: 'invite codes and kith:invite/ links (readInvite)',
    arbitrary: inviteInputs,
    run: (text) => readInvite(text, NOW),
    roundTrip: {
      arbitrary: fc.record({ name: fc.option(fc.string({ minLength: 1, maxLength: 100 }), { nil: undefined }), addrs: fc.array(fc.string({ maxLength: 300 }), { maxLength: 14 }), kind: fc.constantFrom('person' as const, 'vendor' as const), link: fc.boolean() }),
      check({ name, addrs, kind, link }) {
        const made = createInvite(owner, { kind, addrs, expires: FUTURE, ...(name === undefined ? {} : { name }) });
        assert.deepEqual(readInvite(link ? made.link : made.code, NOW), made.payload);
      },
    },
  }),
  defineTarget({
    name: 'trust/recovery-code',
    covers: 'recovery codes a new device shows (readRecoveryCode)',
    arbitrary: recoveryInputs,
    run: (text) => readRecoveryCode(text),
    roundTrip: {
      arbitrary: fc.record({ nonce: fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'), minLength: 22, maxLength: 22 }), addrs: fc.array(fc.string({ maxLength: 300 }), { maxLength: 14 }) }),
      check({ nonce, addrs }) {
        const read = readRecoveryCode(recoveryCode({ peer: owner.peerIdString, nonce, addrs }));
        assert.deepEqual({ peer: read.peer, nonce: read.nonce, addrs: read.addrs }, { peer: owner.peerIdString, nonce, addrs: addrs.slice(0, 12) });
        assert.deepEqual(read.publicKey, owner.publicKey);
      },
    },
  }),
];
