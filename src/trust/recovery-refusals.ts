// Why a recovering node refuses an approval, as stable reasons that cross the wire in the
// recovery protocol's answer (the envelope's error codes are too coarse to tell a replay
// from a stranger), each with the error code and the words the approving friend sees.
import { z } from 'zod';
import { KithError, type ErrorCode } from '../base/errors.ts';

export const refusalReason = z.enum(['stranger', 'forged', 'replayed', 'old-setup', 'duplicate', 'recovered']);
export type RefusalReason = z.output<typeof refusalReason>;

const REFUSALS: Readonly<Record<RefusalReason, { code: ErrorCode; message: string }>> = {
  stranger: { code: 'NotTrusted', message: 'The approval does not come from one of the friends the owner chose.' },
  forged: { code: 'InvalidSignature', message: 'The approval or its setup statement is not genuine: a signature, or the share’s commitment, does not match.' },
  replayed: { code: 'NotTrusted', message: 'The approval was made for another recovery session (an old or another code).' },
  'old-setup': { code: 'NotTrusted', message: 'The share belongs to a recovery setup the owner has since replaced.' },
  duplicate: { code: 'AlreadyExists', message: 'This friend has already approved this recovery.' },
  recovered: { code: 'AlreadyExists', message: 'This recovery is already complete.' },
};

/** A refused approval: `reason` is what the wire carries. */
export class RecoveryRefused extends KithError {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason) {
    super(REFUSALS[reason].code, REFUSALS[reason].message, reason === 'replayed' ? { hint: 'Ask the person for the code their new device shows now.' } : undefined);
    this.name = 'RecoveryRefused';
    this.reason = reason;
  }
}
