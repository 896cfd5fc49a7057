// A consent receipt for every release: a credential signed by the owner whose fields
// follow the Kantara Initiative Consent Receipt Specification v1.1 (consentReceiptID,
// consentTimestamp, collectionMethod, piiPrincipalId, piiControllers, services/purposes
// with piiCategory, termination and thirdPartyDisclosure). The holder countersigns it
// (a second proof in the proof set) when the data arrives; both sides log it.
import { randomUUID } from 'node:crypto';
import { issueCredential } from '../credentials/credential.ts';
import type { JsonObject } from '../credentials/types.ts';
import type { Signer } from '../identity/signer.ts';
import type { Grant } from './grants.ts';
import { describeClause } from './terms.ts';

export const CONSENT_RECEIPT_TYPE = 'ConsentReceipt';

export interface ReleaseFacts {
  readonly grant: Grant;
  /** The holder's did:key and the petname the owner gave them. */
  readonly holder: { did: string; name: string };
  /** Record types released (the PII categories). */
  readonly categories: readonly string[];
}

export function consentReceipt(owner: Signer, release: ReleaseFacts, now = new Date()): JsonObject {
  const { grant } = release;
  const noOnward = grant.terms.some((clause) => clause.id === 'no-onward-sharing');
  return issueCredential({
    id: `urn:uuid:${randomUUID()}`,
    types: [CONSENT_RECEIPT_TYPE],
    signer: owner,
    subject: {
      id: owner.did,
      version: 'KI-CR-v1.1.0',
      consentReceiptID: `${grant.id}:${now.getTime()}`,
      consentTimestamp: Math.floor(now.getTime() / 1000),
      collectionMethod: 'Kith grant, proffered by the individual over a peer-to-peer connection',
      piiPrincipalId: owner.did,
      piiControllers: [{ piiController: release.holder.name, id: release.holder.did }],
      services: [
        {
          service: grant.purpose,
          purposes: [
            {
              purpose: grant.purpose,
              consentType: 'EXPLICIT',
              piiCategory: [...release.categories],
              primaryPurpose: true,
              termination: grant.expires ?? 'When the individual revokes this grant',
              thirdPartyDisclosure: !noOnward,
              terms: grant.terms.map(describeClause),
            },
          ],
        },
      ],
      sensitive: false,
      grant: grant.id,
    },
  });
}
