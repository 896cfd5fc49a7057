// A device recovered with friends (services/recovery-session-service.ts) starts with a
// trail of their approvals and the friends as contacts, and a bundle is imported only into
// an empty locker (its trail is restored verbatim). So what the recovery wrote is carried
// over an import instead: the bundle's trail first, then the recovery's entries again as
// new entries, and the friends as contacts unless the bundle already has them.
import { parseWith } from '../../base/schema.ts';
import type { Signer } from '../../identity/signer.ts';
import type { AuditInput, Locker } from '../../store/locker.ts';
import { CONTACTS, contactSchema, listContacts } from '../../trust/contacts.ts';

const RECOVERY_KINDS: ReadonlySet<string> = new Set(['recovery.approval-received', 'recovery.completed']);

export interface Carried {
  readonly audit: AuditInput[];
  readonly contacts: unknown[];
}

/** What to carry over an import: undefined when the locker holds more than a recovery wrote. */
export async function recoveryToCarry(locker: Locker): Promise<Carried | undefined> {
  // At most ten approvals and the completion: a longer trail is more than a recovery wrote.
  const entries = await locker.audit.entries({ limit: 12 });
  if (entries.length === 0 || entries.length === 12 || !entries.every((entry) => RECOVERY_KINDS.has(entry.kind))) return undefined;
  return {
    audit: entries.map((entry) => ({ kind: entry.kind as AuditInput['kind'], details: entry.details })),
    contacts: (await locker.collections.list(CONTACTS)).map((item) => item.value),
  };
}

export async function carryOver(staging: Locker, signer: Signer, carried: Carried): Promise<void> {
  const known = new Set((await listContacts(staging)).map((c) => c.peerId));
  const contacts = carried.contacts.map((value) => parseWith(contactSchema, value, 'stored contact')).filter((c) => !known.has(c.peerId));
  await staging.commit(signer, {
    items: contacts.map((contact) => ({ collection: CONTACTS, id: contact.peerId, value: contact })),
    audit: carried.audit,
  });
}
