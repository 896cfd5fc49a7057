// Every kind of audit entry as a sentence a person understands, with names and records
// resolved ("You shared your postal address (Rua Augusta 1, Lisboa) with Tea & Co for
// delivery…"). This table is the ONE list of audit kinds: the store accepts only a kind
// that has a sentence here (AuditKind types every audit input), so a new kind is one line
// below and cannot be forgotten. Portable: the app's Activity and `kith log` use it.
import type { ActivityNames } from './activity-names.ts';
import { listWords, typeNoun } from './record-words.ts';

type Details = Readonly<Record<string, unknown>>;
type Sentence = (d: Details, n: ActivityNames) => string;

const str = (d: Details, k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
const num = (d: Details, k: string): number | undefined => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
const list = (d: Details, k: string): readonly unknown[] => (Array.isArray(d[k]) ? (d[k] as unknown[]) : []);
const strings = (d: Details, k: string): string[] => list(d, k).filter((v): v is string => typeof v === 'string');
const plural = (count: number, one: string, many = `${one}s`): string => `${count === 1 ? 'one' : count} ${count === 1 ? one : many}`;
const cap = (text: string): string => text.replace(/^./, (c) => c.toUpperCase());
const day = (iso: string): string => (iso.length >= 10 ? iso.slice(0, 10) : iso);
const version = (d: Details): string => (num(d, 'version') === undefined ? '' : ` (version ${num(d, 'version')})`);
const purpose = (text: string): string => (text === '' ? '' : ` for “${text}”`);
const terms = (items: readonly string[]): string => (items.length === 0 ? '' : ` Your terms: ${items.join(' ')}`);

/** The record ids a delivery's outbox subjects name (`<grant>:<record>`). */
function deliveredRecords(d: Details, n: ActivityNames): string {
  const subjects = str(d, 'subject') === '' ? strings(d, 'subjects') : [str(d, 'subject')];
  const records = subjects.map((subject) => subject.slice(subject.indexOf(':') + 1));
  return records.length <= 3 ? listWords(records.map((id) => n.record(id))) : plural(records.length, 'record');
}

function shareSentence(d: Details, n: ActivityNames): string {
  const grant = n.grant(d['grant']);
  const records = grant?.records ?? listWords(strings(d, 'records').map((id) => n.record(id)));
  const to = grant?.to ?? n.target(d['to']);
  return `You shared ${records} with ${to}${purpose(str(d, 'purpose'))}.${terms(grant?.terms ?? [])}`;
}

function contactAdded(d: Details, n: ActivityNames): string {
  const who = n.peer(d['peerId']);
  const what = d['kind'] === 'vendor' ? ' (a vendor)' : '';
  if (d['via'] === 'invite-issued') return `${cap(who)}${what} accepted your invite: you are now each other’s contacts.`;
  if (d['via'] === 'invite-accepted') return `You accepted the invite of ${who}${what}: you are now each other’s contacts.`;
  return `You added ${who}${what} to your contacts.`;
}

function agreementWith(d: Details, n: ActivityNames, side: 'vendor' | 'customer'): string {
  return n.agreement(d['agreement'])?.with ?? n.peer(d[side]);
}

/** What an import read, in words (src/app/importers: the formats). */
function importedFrom(d: Details): string {
  const what: Record<string, string> = {
    vcard: 'an address book',
    ical: 'a calendar',
    csv: 'a purchase history',
    'google-takeout': 'a Google Takeout archive',
    facebook: 'a Facebook archive',
  };
  const kind = what[str(d, 'format')] ?? 'a file';
  return str(d, 'file') === '' ? kind : `${kind} (${str(d, 'file')})`;
}

/** How a customer's node answered an e-receipt (net/protocols/receipt). */
function receiptAnswer(d: Details, n: ActivityNames): string {
  const who = n.peer(d['peer']);
  if (d['status'] === 'declined') return `${cap(who)} does not take e-receipts from you: the receipt was declined.`;
  if (d['status'] === 'refused') return `${cap(who)}’s node refused your e-receipt (it did not pass their checks).`;
  return `Your e-receipt reached ${who}; it is in their locker.`;
}

const order = (d: Details): string => (str(d, 'orderId') === '' ? '' : ` for order ${str(d, 'orderId')}`);

export const AUDIT_SENTENCES = {
  'record.created': (d, n) => `You added ${n.record(d['recordId'], d['type'])}.`,
  'record.updated': (d, n) => `You changed ${n.record(d['recordId'], d['type'])}${version(d)}.`,
  'record.deleted': (d) => `You deleted your ${typeNoun(d['type'])}; a signed note of the deletion stays in its history.`,
  'document.added': (d, n) => `You added ${n.record(d['recordId'], 'document')}.`,
  'document.replaced': (d, n) => `You replaced the file of ${n.record(d['recordId'], 'document')}${version(d)}.`,
  'bundle.exported': (d) =>
    `You exported everything to ${str(d, 'file') || 'a file'}${num(d, 'records') === undefined ? '' : ` (${plural(num(d, 'records') ?? 0, 'record')}, ${plural(num(d, 'documents') ?? 0, 'document')})`}${d['encrypted'] === true ? ', encrypted with a passphrase' : ''}.`,
  'bundle.imported': (d) => `You restored your data from ${str(d, 'file') || 'a bundle'}.`,
  'settings.updated': (d) => (strings(d, 'defaultTerms').length === 0 ? 'You cleared your default terms.' : `You set your default terms: ${strings(d, 'defaultTerms').join(' ')}`),
  'settings.read-receipts': (d) => (d['on'] === false ? 'You turned read receipts off: the people you talk with no longer see when you read their messages.' : 'You turned read receipts on: the people you talk with see when you read their messages.'),
  'contact.added': contactAdded,
  'contact.updated': (d, n) => `${cap(n.peer(d['peerId']))} connected through an invite again; their addresses were refreshed.`,
  'contact.renamed': (d, n) => `You renamed a contact: you now call them ${n.peer(d['peerId'])}.`,
  'contact.named': (d, n) => (str(d, 'selfName') === '' ? `${cap(n.peer(d['peerId']))} no longer gives a name.` : `${cap(n.peer(d['peerId']))} now gives its name as “${str(d, 'selfName')}”.`),
  'peer.blocked': (d, n) => `You blocked ${n.peer(d['peerId'])}: it can no longer connect to you or use anything you share.`,
  'peer.unblocked': (d, n) => `You unblocked ${n.peer(d['peerId'])}.`,
  'circle.created': (d, n) => `You made ${n.circle(d['circle'])}.`,
  'circle.renamed': (d, n) => `You renamed a circle: it is now ${n.circle(d['circle'])}.`,
  'circle.deleted': () => 'You deleted a circle.',
  'circle.member-added': (d, n) => `You put ${n.peer(d['peerId'])} in ${n.circle(d['circle'])}.`,
  'circle.member-removed': (d, n) => `You took ${n.peer(d['peerId'])} out of ${n.circle(d['circle'])}.`,
  'invite.created': (d) => `You made an invite for ${num(d, 'uses') === 1 ? 'one person' : `up to ${num(d, 'uses') ?? 'several'} people`}, valid until ${day(str(d, 'expires'))}.`,
  'grant.created': shareSentence,
  'grant.revoked': (d, n) => {
    const grant = n.grant(d['grant']);
    return grant === undefined ? 'You stopped sharing something; its holders are told to delete it.' : `You stopped sharing ${grant.records} with ${grant.to}; they are told to delete it.`;
  },
  'share.received': (d, n) => {
    const ids = list(d, 'records').map((r) => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['record'] : undefined));
    const what = ids.length <= 3 ? listWords(ids.map((id) => n.shared(d['from'], id))) : plural(ids.length, 'record');
    return `${cap(n.peer(d['from']))} shared ${what} with you.`;
  },
  'share.revoked': (d, n) => `${cap(n.peer(d['from']))} stopped sharing with you; what they had shared was deleted here${strings(d, 'deleted').length === 0 ? '' : ` (${plural(strings(d, 'deleted').length, 'record')})`}.`,
  'share.file.sent': (d, n) => `You sent the file of ${n.record(d['record'], 'document')} to ${n.peer(d['to'])}.`,
  'share.file.received': (d, n) => `The file of ${n.shared(d['from'], d['record'])} arrived from ${n.peer(d['from'])}, checked against its signature.`,
  'share.file.deleted': (d) => `${cap(plural(list(d, 'files').length, 'shared file'))} ${list(d, 'files').length === 1 ? 'was' : 'were'} deleted here: their owner stopped sharing.`,
  'receipt.countersigned': (d, n) => `You signed ${n.peer(d['from'])}’s consent ${list(d, 'receipts').length === 1 ? 'receipt' : 'receipts'} for what they shared with you.`,
  'outbox.deliver-delivered': (d, n) => `${cap(deliveredRecords(d, n))} reached ${n.peer(d['peer'])}, who countersigned the consent receipt${list(d, 'refused').length === 0 ? '' : ` (${plural(list(d, 'refused').length, 'record')} refused)`}.`,
  'outbox.revoke-delivered': (d, n) => `${cap(n.peer(d['peer']))} confirmed deleting what you had shared and sent a signed deletion receipt.`,
  'outbox.answer-delivered': (d, n) => `Your answer to ${n.peer(d['peer'])}’s request reached them.`,
  'outbox.e-receipt-delivered': receiptAnswer,
  // Conversations (issue 12): what was said stays out of the trail; who, when and how many do not.
  'message.sent': (d, n) => `You wrote to ${n.peer(d['peerId'])}${num(d, 'attachments') ? ` (${plural(num(d, 'attachments') ?? 0, 'attachment')})` : ''}; it is signed by you and sent when they are reachable.`,
  'message.received': (d, n) => `${cap(n.peer(d['peerId']))} wrote to you (${plural(num(d, 'count') ?? 1, 'message')}), signed by them; your node signed a delivery receipt.`,
  'message.read-by': (d, n) => `${cap(n.peer(d['peerId']))} read ${num(d, 'count') === 1 ? 'a message' : `${num(d, 'count') ?? 'some'} messages`} of yours, and signed a read receipt.`,
  'conversation.read': (d, n) => `You read ${plural(num(d, 'count') ?? 1, 'message')} from ${n.peer(d['peerId'])}${d['receipt'] === false ? '; read receipts are off, so they were not told' : ''}.`,
  'conversation.deleted': (d, n) => `You deleted your copy of your conversation with ${n.peer(d['peerId'])} (${plural(num(d, 'count') ?? 0, 'message')}); they keep theirs.`,
  'outbox.message-delivered': (d, n) =>
    `Your ${plural(list(d, 'messages').length || 1, 'message')} reached ${n.peer(d['peer'])}${list(d, 'refused').length > 0 ? `, ${list(d, 'refused').length} refused by their node` : ', with signed delivery receipts'}.`,
  'outbox.message-read-delivered': (d, n) => `Your read receipt reached ${n.peer(d['peer'])}.`,
  'outbox.deletion-receipt-delivered': (d, n) => `Your signed deletion receipt reached ${n.peer(d['peer'])}: they know their data is gone, as their terms asked.`,
  'receipt.sent': (d, n) => `You signed an e-receipt${order(d)}${str(d, 'total') === '' ? '' : ` (${str(d, 'total')})`} for ${n.peer(d['customer'])}; it is sent when they are reachable.`,
  'receipt.received': (d, n) => `${cap(n.peer(d['from']))} sent you an e-receipt${order(d)}: it is in your purchases, signed by them.`,
  'receipt.declined': (d, n) => `You declined an e-receipt${order(d)} from ${n.peer(d['from'])}: you do not take e-receipts from them.`,
  'retention.deleted': (d, n) =>
    `The terms of ${n.peer(d['customer'])} said to delete what they shared after a while: it was deleted here${strings(d, 'records').length === 0 ? '' : ` (${plural(strings(d, 'records').length, 'record')})`}, and they are sent a signed deletion receipt.`,
  'deletion.received': (d, n) => {
    const grant = n.grant(d['grant']);
    return `${cap(n.peer(d['from']))} deleted ${grant === undefined ? 'what you shared with them' : grant.records} as your terms asked, and sent a signed deletion receipt.`;
  },
  'agreement.receipts': (d, n) => {
    const found = n.agreement(d['agreement']);
    const whom = found === undefined ? 'a vendor' : found.with;
    return d['accept'] === false ? `You stopped taking e-receipts from ${whom}.` : `You take e-receipts from ${whom} again.`;
  },
  'agreement.made': (d, n) => `You made an agreement with ${n.peer(d['vendor'])}${purpose(str(d, 'purpose'))}; they countersigned your terms.`,
  'agreement.countersigned': (d, n) => `${cap(n.peer(d['customer']))} proposed an agreement${purpose(str(d, 'purpose'))}, and your node countersigned it by your policy.`,
  'agreement.refused': (d, n) =>
    d['vendor'] !== undefined
      ? `${cap(n.peer(d['vendor']))} refused your proposed terms (${plural(list(d, 'refused').length, 'clause')} outside its policy).`
      : `Your node refused the terms ${n.peer(d['customer'])} proposed (${plural(list(d, 'refused').length, 'clause')} outside your policy).`,
  'agreement.ended': (d, n) => {
    const found = n.agreement(d['agreement']);
    if (d['role'] === 'vendor') return `${cap(found?.with ?? 'a customer')} ended their agreement with you${purpose(found?.purpose ?? '')}.`;
    return `You ended ${found === undefined ? 'an agreement' : `your agreement with ${found.with}${purpose(found.purpose)}`}; what you shared under it is revoked.`;
  },
  'agreement.end.acknowledged': (d, n) => `${cap(agreementWith(d, n, 'vendor'))} acknowledged that your agreement ended.`,
  'request.received': (d, n) => `${cap(n.peer(d['from']))} asked for your ${listWords(strings(d, 'types').map(typeNoun))}${purpose(str(d, 'purpose'))}.`,
  'request.sent': (d, n) => `You asked ${n.peer(d['to'])} for their ${listWords(strings(d, 'types').map(typeNoun))}${purpose(str(d, 'purpose'))}.`,
  'request.answered': (d, n) => `${cap(n.peer(d['from']))} ${d['status'] === 'approved' ? 'approved' : 'turned down'} your request.`,
  'request.denied': (d, n) => `You turned down ${n.peer(d['from'])}’s request.`,
  // Older entries counted the new items; an import now writes a part at a time and says so in its records.imported entries.
  'import.started': (d) => (num(d, 'newItems') === undefined ? `You began bringing your data home from ${importedFrom(d)}.` : `You began bringing ${plural(num(d, 'newItems') ?? 0, 'new item')} home from ${importedFrom(d)}.`),
  'records.imported': (d) => `You brought ${plural(num(d, 'count') ?? 0, 'record')} home from ${importedFrom(d)}, each signed with where it came from.`,
  'records.reimported': (d) => `${cap(plural(num(d, 'count') ?? 0, 'record'))} had changed in ${importedFrom(d)} since your last import: each got a new version.`,
  'records.unimported': (d) => `Undoing the import of ${importedFrom(d)}: ${plural(num(d, 'count') ?? 0, 'record')} deleted or put back as before.`,
  'import.undone': (d) => {
    const kept = num(d, 'kept') ?? 0;
    const keptText = kept === 0 ? '' : ` ${cap(plural(kept, 'record'))} you had changed since ${kept === 1 ? 'was' : 'were'} kept as ${kept === 1 ? 'it is' : 'they are'}.`;
    return `You undid the import of ${importedFrom(d)}: ${plural(num(d, 'deleted') ?? 0, 'record')} it added deleted, ${plural(num(d, 'restored') ?? 0, 'record')} it changed put back as before.${keptText}`;
  },
  'recovery.setup': (d, n) =>
    `You asked ${listWords(strings(d, 'friends').map((peer) => n.peer(peer)))} to each hold a recovery share of your key: any ${num(d, 'threshold') ?? 'few'} of them together can help you get your identity back; fewer learn nothing.`,
  'outbox.recovery-delivered': (d, n) =>
    d['action'] === 'drop' ? `${cap(n.peer(d['peer']))} deleted the recovery share of your earlier setup.` : `${cap(n.peer(d['peer']))} confirmed holding your recovery share, with a signed receipt.`,
  'recovery.share-held': (d, n) => `You hold a recovery share for ${n.peer(d['owner'])}: with other friends of theirs you can help them get their identity back.`,
  'recovery.share-dropped': (d, n) => `${cap(n.peer(d['owner']))} changed their recovery friends: the recovery share you held for them was deleted.`,
  'recovery.approved': (d, n) => `You approved the recovery of ${n.peer(d['owner'])}’s identity on a new device, sending your share to it alone.`,
  'recovery.approval-received': (d, n) => `${cap(n.peer(d['peerId']))} approved your recovery and sent their share.`,
  'records.returned': (d, n) =>
    `${cap(n.peer(d['from']))} sent back what you had shared with them: ${plural(num(d, 'count') ?? 0, 'record')} kept again${num(d, 'skipped') ? `, ${plural(num(d, 'skipped') ?? 0, 'other')} not (some fields only, or already here)` : ''}.`,
  'recovery.completed': (d) => `You got your identity back on this device: ${plural(strings(d, 'friends').length, 'friend')} approved, of the ${num(d, 'threshold') ?? 'few'} needed.`,
  'vendor.profile.updated': (d) => `You set your vendor profile: customers see you as “${str(d, 'name')}”, and your node countersigns ${plural(strings(d, 'accepts').length, 'kind')} of terms by itself.`,
} as const satisfies Record<string, Sentence>;

/** Every kind of audit entry Kith writes. */
export type AuditKind = keyof typeof AUDIT_SENTENCES;
export const AUDIT_KINDS = Object.keys(AUDIT_SENTENCES) as AuditKind[];

export function isAuditKind(kind: string): kind is AuditKind {
  return Object.hasOwn(AUDIT_SENTENCES, kind);
}

/** The sentence for an entry; a kind from a newer Kith (in an imported bundle) still gets one. */
export function describeEntry(entry: { readonly kind: string; readonly details: Details }, names: ActivityNames): string {
  if (!isAuditKind(entry.kind)) return 'Something a newer version of Kith recorded; open the signed entry to see it.';
  return AUDIT_SENTENCES[entry.kind](entry.details, names);
}
