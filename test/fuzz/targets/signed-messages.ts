// The readers of the signed messages peers send (src/trust): a shared record, a consent
// receipt (countersigned by the holder), a revocation notice, a deletion receipt, an
// agreement proffer, a vendor profile, an e-receipt. Each sample is valid; the inputs edit
// it and, half of the time, sign the edited document again with the sender's own key — so
// the edit gets past the signature check and reaches the reader's structural checks, as a
// dishonest contact's message would.
import fc from 'fast-check';
import { addProof } from '../../../src/credentials/data-integrity.ts';
import type { JsonObject, JsonValue } from '../../../src/credentials/types.ts';
import type { OwnerKey } from '../../../src/identity/identity.ts';
import { countersign } from '../../../src/net/protocols/share/share-protocol.ts';
import { proposeAgreement, readProffer } from '../../../src/trust/agreements.ts';
import { consentReceipt } from '../../../src/trust/consent-receipt.ts';
import { issueEReceipt, parseOrder, readEReceipt } from '../../../src/trust/e-receipt.ts';
import type { Grant } from '../../../src/trust/grants.ts';
import { deletionReceipt, readDeletionReceipt, readRevocation, revocationNotice } from '../../../src/trust/revocation.ts';
import { readSharedCredential, sharedRecordCredential } from '../../../src/trust/shared-credential.ts';
import { parseTerms } from '../../../src/trust/terms.ts';
import { readSignedProfile, signedProfile } from '../../../src/trust/vendor-profile.ts';
import { mutated } from '../arbitraries.ts';
import { defineTarget } from '../runner.ts';
import { holder, owner } from './fixtures.ts';

const time = '2026-12-01T10:00:00Z';
const grantId = 'g0123456789abcdef';
const grant: Grant = {
  id: grantId,
  to: { kind: 'contact', peerId: holder.peerIdString },
  records: [{ id: 'addr00000001', fields: ['addressLocality'] }],
  purpose: 'Delivery of my order',
  terms: parseTerms('delivery-only,delete-on-revocation'),
  created: time,
};

/** The edited document, signed again by `signer` (its old proofs dropped) when `resign`. */
function resigned(value: JsonValue, signer: OwnerKey, resign: boolean): JsonValue {
  if (!resign || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { proof: _dropped, ...rest } = value;
  try {
    return addProof(rest as JsonObject, signer, { proofPurpose: 'assertionMethod' });
  } catch {
    return value; // not signable (e.g. a lone surrogate): sent as edited
  }
}

function edited(sample: JsonObject, signer: OwnerKey): fc.Arbitrary<JsonValue> {
  return fc.tuple(mutated([sample]), fc.boolean()).map(([value, resign]) => resigned(value, signer, resign));
}

interface Reader {
  readonly name: string;
  readonly covers: string;
  readonly sample: () => JsonObject;
  readonly signer: OwnerKey;
  readonly read: (value: JsonValue) => unknown;
}

const READERS: readonly Reader[] = [
  {
    name: 'shared-record',
    covers: 'a shared record credential as its holder receives it (readSharedCredential)',
    sample: () => sharedRecordCredential(owner, { holder: holder.did, grant: { id: grantId, purpose: 'x', terms: [] }, record: { id: 'addr00000001', type: 'address', version: 1, deleted: false, data: { addressLocality: 'Lisboa' } }, time }),
    signer: owner,
    read: (value) => readSharedCredential(value, { owner: owner.did, holder: holder.did }),
  },
  {
    name: 'consent-receipt',
    covers: "the owner's consent receipt, checked and countersigned by the holder (share countersign)",
    sample: () => consentReceipt(owner, { grant, holder: { did: holder.did, name: 'Livraria' }, categories: ['address'] }, new Date(time)),
    signer: owner,
    read: (value) => countersign(value as Record<string, unknown>, owner.did, holder),
  },
  {
    name: 'revocation',
    covers: "a revocation notice (readRevocation)",
    sample: () => revocationNotice(owner, grantId, holder.did),
    signer: owner,
    read: (value) => readRevocation(value, { owner: owner.did, holder: holder.did }),
  },
  {
    name: 'deletion-receipt',
    covers: "a holder's deletion receipt (readDeletionReceipt)",
    sample: () => deletionReceipt(holder, { owner: owner.did, grant: grantId, records: ['addr00000001'], time }),
    signer: holder,
    read: (value) => readDeletionReceipt(value, { holder: holder.did, owner: owner.did, grant: grantId }),
  },
  {
    name: 'agreement-proffer',
    covers: "a customer's proffered agreement, as the vendor reads it (readProffer)",
    sample: () => proposeAgreement(owner, { vendor: holder.did, purpose: 'Delivery', terms: parseTerms('delivery-only') }, new Date(time)).credential,
    signer: owner,
    read: (value) => readProffer(value, { customer: owner.did, vendor: holder.did }),
  },
  {
    name: 'vendor-profile',
    covers: "a vendor's signed profile (readSignedProfile)",
    sample: () => signedProfile(holder, { name: 'Livraria', categories: ['books'], policy: { accepts: ['delivery-only'] }, updated: time }),
    signer: holder,
    read: (value) => readSignedProfile(value, holder.did),
  },
  {
    name: 'e-receipt',
    covers: "a vendor's e-receipt (readEReceipt)",
    sample: () =>
      issueEReceipt(holder, {
        customer: owner.did,
        vendorName: 'Tea & Co',
        order: parseOrder({ orderId: 'A-1', date: '2026-12-01', items: [{ name: 'Tea', quantity: 2, price: { value: '4.50', currency: 'EUR' } }], total: { value: '9.00', currency: 'EUR' } }),
      }),
    signer: holder,
    read: (value) => readEReceipt(value, { vendor: holder.did, customer: owner.did }),
  },
];

export const signedMessageTargets = READERS.map((reader) => {
  const sample = reader.sample();
  return defineTarget({
    name: `trust/${reader.name}`,
    covers: reader.covers,
    arbitrary: edited(sample, reader.signer),
    run: (value) => reader.read(value),
    roundTrip: { arbitrary: fc.constant(sample), check: (value) => reader.read(structuredClone(value)), maxCases: 5 },
  });
});
