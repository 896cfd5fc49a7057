// The person's view of each vendor's compliance: its agreements, what it holds now, the
// deletions asked for and answered (on time, late, never), the deadlines the terms set,
// disputes, and a simple score with what it is made of (src/trust/vendor-compliance.ts).
import { z } from 'zod';
import { method } from '../method.ts';

const verdict = z.enum(['on-time', 'late', 'never', 'waiting']);

const deletionView = z.strictObject({
  grant: z.string(),
  purpose: z.string(),
  /** When it was asked for (revoked), or the deadline the terms set. */
  asked: z.string(),
  due: z.string(),
  /** When the vendor's signed deletion receipt came. */
  answered: z.string().optional(),
  verdict,
});

const complianceView = z.strictObject({
  vendor: z.strictObject({ peerId: z.string(), did: z.string(), petname: z.string() }),
  agreements: z.array(z.strictObject({ id: z.string(), purpose: z.string(), status: z.string(), created: z.string(), ended: z.string().optional() })),
  holds: z.array(z.strictObject({ grant: z.string(), purpose: z.string(), records: z.array(z.string()) })),
  deletions: z.array(deletionView),
  retention: z.array(deletionView.extend({ days: z.number().int().positive() })),
  disputes: z.array(z.strictObject({ agreement: z.string(), reason: z.string(), time: z.string() })),
  /** 0–100: 100 less what each late or missing deletion and each dispute takes off. */
  score: z.number().int().min(0).max(100),
  factors: z.array(z.strictObject({ reason: z.string(), points: z.number().int() })),
});
export type VendorComplianceView = z.output<typeof complianceView>;
export type DeletionVerdict = z.output<typeof verdict>;

export const vendorComplianceMethods = {
  'vendors.compliance': method({
    kind: 'query',
    summary: 'How each vendor kept your terms: agreements, what it holds, deletions on time or not, disputes, a score',
    input: z.strictObject({ vendor: z.string().trim().min(1, 'must name a vendor').max(200).optional() }),
    output: z.array(complianceView),
  }),
} as const;
