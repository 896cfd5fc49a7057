// After a recovery: what the owner had shared with its contacts comes back from them. Each
// contact answers `return` with the credentials it holds from us (/kith/recovery); each is
// checked here — signed by this owner's key, addressed to that contact — and a record
// whose whole data came back (a grant of some fields only does not give a record back) and
// that this locker does not have yet is stored again under its own id, as a new first
// version signed now. One commit and one audit entry per contact.
import { recordSchemas, type RecordType } from '../api/records.ts';
import { KithError } from '../base/errors.ts';
import type { OwnerKey } from '../identity/identity.ts';
import type { KithNode } from '../net/node.ts';
import { RECOVERY_PROTOCOL, returnAnswerSchema } from '../net/protocols/recovery/recovery-protocol.ts';
import type { Locker, RecordVersionInput } from '../store/locker.ts';
import type { Contact } from '../trust/contacts.ts';
import { readSharedCredential } from '../trust/shared-credential.ts';
import { recordCredential } from './records/record-credential.ts';

export interface RecallOutcome {
  readonly peerId: string;
  readonly petname: string;
  /** Records stored again. */
  readonly returned: number;
  /** Credentials that came back but gave no record: some fields only, a document, one we have, or not genuine. */
  readonly skipped: number;
  readonly error?: string;
}

export async function recallFrom(node: KithNode, locker: Locker, owner: OwnerKey, contact: Contact): Promise<RecallOutcome> {
  const base = { peerId: contact.peerId, petname: contact.petname };
  let credentials: Record<string, unknown>[] | undefined;
  let failure = 'unreachable';
  // A recovered node knows its friends only by the addresses their approvals gave (its peer
  // store is new): those first, then the PeerId alone.
  const targets = [...contact.addrs.filter((a) => !a.includes('/p2p-circuit')).map((a) => `${a}/p2p/${contact.peerId}`), contact.peerId];
  for (const target of targets) {
    try {
      credentials = (await node.request(target, RECOVERY_PROTOCOL, { type: 'return' }, { responseSchema: returnAnswerSchema, timeoutMs: 20_000 })).credentials;
      break;
    } catch (error) {
      failure = error instanceof KithError ? error.message : failure;
    }
  }
  if (credentials === undefined) return { ...base, returned: 0, skipped: 0, error: failure };
  const records: RecordVersionInput[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const time = new Date().toISOString();
  for (const credential of credentials) {
    let record;
    try {
      record = readSharedCredential(credential, { owner: owner.did, holder: contact.did }).record;
    } catch {
      skipped++;
      continue;
    }
    const data = record.type === 'document' || record.data === undefined ? undefined : recordSchemas[record.type as Exclude<RecordType, 'document'>].safeParse(record.data);
    if (data?.success !== true || seen.has(record.id) || (await locker.records.head(record.id)) !== undefined) {
      skipped++;
      continue;
    }
    seen.add(record.id);
    const facts = { id: record.id, type: record.type, version: 1, deleted: false, data: data.data, time };
    records.push({ ...facts, credential: recordCredential(owner, facts) });
  }
  if (records.length > 0 || skipped > 0) {
    await locker.commit(owner, {
      records,
      audit: [{ kind: 'records.returned', details: { from: contact.peerId, count: records.length, skipped, records: records.map((r) => r.id) } }],
    });
  }
  return { ...base, returned: records.length, skipped };
}
