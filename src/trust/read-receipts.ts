// Whether this node sends read receipts (issue 12): on until the owner turns them off in
// Settings. Kept beside the default terms in the locker's `settings` collection (so it
// travels with an export); turning it off is an audit entry like any settings change.
import { z } from 'zod';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { Locker } from '../store/locker.ts';
import { SETTINGS } from './default-terms.ts';

const READ_RECEIPTS_ID = 'read-receipts';
const storedSchema = z.strictObject({ on: z.boolean(), updated: z.iso.datetime() });

export async function readReceiptsOn(locker: Locker): Promise<boolean> {
  const stored = await locker.collections.get(SETTINGS, READ_RECEIPTS_ID);
  return stored === undefined ? true : parseWith(storedSchema, stored, 'the stored read-receipts setting').on;
}

export async function setReadReceipts(locker: Locker, signer: Signer, on: boolean): Promise<void> {
  const value = { on, updated: new Date().toISOString() };
  await locker.commit(signer, {
    items: [{ collection: SETTINGS, id: READ_RECEIPTS_ID, value }],
    audit: [{ kind: 'settings.read-receipts', details: { on } }],
  });
}
