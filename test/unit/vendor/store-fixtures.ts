// Deliveries as the share protocol hands them to a Holdings after checking them: facts and
// the credential. The store trusts its caller's checks, so plain objects serve here.
import type { Clause } from '../../../src/trust/terms.ts';
import type { KeepBatch, Sender } from '../../../src/trust/holdings.ts';
import type { Delivery } from '../../../src/trust/shared-with-me.ts';

export const VENDOR_DID = 'did:key:z6MkVendor';

export function customer(n: number): Sender {
  return { did: `did:key:z6MkCustomer${n}`, peerId: `12D3KooWCustomer${n}` };
}

export function grantId(n: number): string {
  return `g${n.toString(16).padStart(16, '0')}`;
}

export interface DeliveryInput {
  readonly grant: string;
  readonly record: string;
  readonly version: number;
  readonly type?: string;
  readonly data?: Record<string, unknown>;
  readonly deleted?: boolean;
  readonly purpose?: string;
  readonly terms?: Clause[];
  readonly expires?: string;
}

export function delivery(from: Sender, input: DeliveryInput): Delivery {
  const deleted = input.deleted ?? false;
  const record = { id: input.record, type: (input.type ?? 'email') as 'email', version: input.version, deleted, ...(deleted ? {} : { data: (input.data ?? { address: `${input.record}@example.org` }) as Record<string, never> }) };
  const grant = { id: input.grant, purpose: input.purpose ?? 'Delivery of my order', terms: input.terms ?? [], ...(input.expires === undefined ? {} : { expires: input.expires }) };
  const time = new Date(Date.UTC(2026, 11, 1, 10, 0, input.version)).toISOString();
  return {
    facts: { owner: from.did, holder: VENDOR_DID, grant, record, time },
    credential: { id: `urn:kith:share:${input.grant}:${input.record}:${input.version}`, issuer: from.did, credentialSubject: { record, grant }, proof: { proofValue: 'z-test' } },
  };
}

export function batch(from: Sender, inputs: readonly DeliveryInput[], time = new Date()): KeepBatch {
  const deliveries = inputs.map((input) => delivery(from, input));
  const grants = [...new Set(inputs.map((i) => i.grant))];
  return { from, deliveries, receipts: grants.map((grant) => ({ grant, credential: { id: `urn:uuid:receipt-${grant}`, type: ['ConsentReceipt'] } })), time };
}
