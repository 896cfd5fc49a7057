// Every audit kind Kith writes has a sentence with names and records resolved — never a
// DID, a PeerId, a kind code or JSON. SAMPLES is keyed by AuditKind, so a kind added to
// the table without a sample here fails the type-check, and one missing at run time fails below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityNames, type ActivityFacts } from '../../../src/api/activity/activity-names.ts';
import { AUDIT_KINDS, describeEntry, type AuditKind } from '../../../src/api/activity/audit-sentences.ts';
import { entryRefs } from '../../../src/api/activity/entry-refs.ts';
import { groupByDay } from '../../../src/api/activity/activity-days.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';

const me = OwnerKey.generate();
const shop = OwnerKey.generate();
const ana = OwnerKey.generate();
const stranger = OwnerKey.generate();
const ADDRESS = 'r1addressx';
const EMAIL = 'r2emailxyz';
const GRANT = 'g0123456789abcdef';
const AGREEMENT = 'a0123456789abcdef';

const facts: ActivityFacts = {
  self: { did: me.did, peerId: me.peerIdString },
  contacts: [
    { peerId: shop.peerIdString, did: shop.did, name: 'Tea & Co' },
    { peerId: ana.peerIdString, did: ana.did, name: 'Ana' },
  ],
  records: [
    { id: ADDRESS, type: 'address', data: { streetAddress: 'Rua Augusta 1', addressLocality: 'Lisbon', addressCountry: 'PT' } },
    { id: EMAIL, type: 'email', data: { address: 'me@example.org' } },
  ],
  grants: [{ id: GRANT, to: { kind: 'contact', peerId: shop.peerIdString }, records: [ADDRESS], purpose: 'delivery', terms: ['Delete it when I revoke access.'] }],
  agreements: [{ id: AGREEMENT, with: shop.peerIdString, purpose: 'delivery' }],
  circles: [{ id: 'c1', name: 'Family' }],
  shared: [{ from: ana.peerIdString, id: 'anaaddr01', type: 'address', data: { streetAddress: 'Rua Nova 2', addressLocality: 'Porto', addressCountry: 'PT' } }],
};

/** One realistic entry of each kind (details as the code writes them) and words its sentence must hold. */
const SAMPLES: Record<AuditKind, { details: Record<string, unknown>; says: RegExp }> = {
  'record.created': { details: { recordId: ADDRESS, type: 'address', version: 1 }, says: /^You added your postal address \(Rua Augusta 1, Lisbon\)\.$/ },
  'record.updated': { details: { recordId: EMAIL, type: 'email', version: 2 }, says: /You changed your email address \(me@example\.org\) \(version 2\)/ },
  'record.deleted': { details: { recordId: 'r9gonexxxx', type: 'phone', version: 3 }, says: /You deleted your phone number/ },
  'document.added': { details: { recordId: 'r9docxxxxx', type: 'document', version: 1 }, says: /You added your document/ },
  'document.replaced': { details: { recordId: 'r9docxxxxx', type: 'document', version: 2 }, says: /You replaced the file of your document/ },
  'bundle.exported': { details: { file: 'backup.kith', records: 3, versions: 4, documents: 1 }, says: /exported everything to backup\.kith \(3 records, one document\)/ },
  'bundle.imported': { details: { file: 'backup.kith' }, says: /restored your data from backup\.kith/ },
  'settings.read-receipts': { details: { on: false }, says: /read receipts off/ },
  'settings.updated': { details: { defaultTerms: ['No tracking or profiling.'] }, says: /default terms: No tracking or profiling\./ },
  'contact.added': { details: { peerId: shop.peerIdString, did: shop.did, kind: 'vendor', name: 'Tea & Co', via: 'invite-accepted', invite: 'i1' }, says: /You accepted the invite of Tea & Co \(a vendor\)/ },
  'contact.updated': { details: { peerId: ana.peerIdString, did: ana.did, kind: 'person', via: 'invite-issued', invite: 'i2' }, says: /^Ana connected through an invite again/ },
  'contact.renamed': { details: { peerId: ana.peerIdString }, says: /you now call them Ana/ },
  'contact.named': { details: { peerId: shop.peerIdString, name: 'Tea & Co', selfName: 'Tea & Co' }, says: /^Tea & Co now gives its name as “Tea & Co”/ },
  'peer.blocked': { details: { peerId: stranger.peerIdString }, says: /You blocked a node you do not know/ },
  'peer.unblocked': { details: { peerId: ana.peerIdString }, says: /You unblocked Ana/ },
  'circle.created': { details: { circle: 'c1' }, says: /^You made the circle “Family”\.$/ },
  'circle.renamed': { details: { circle: 'c1' }, says: /renamed a circle: it is now the circle “Family”/ },
  'circle.deleted': { details: { circle: 'c2' }, says: /deleted a circle/ },
  'circle.member-added': { details: { circle: 'c1', peerId: ana.peerIdString }, says: /put Ana in the circle “Family”/ },
  'circle.member-removed': { details: { circle: 'c2', peerId: ana.peerIdString }, says: /^You took Ana out of a circle since deleted\.$/ },
  'invite.created': { details: { invite: 'i1', uses: 1, expires: '2026-12-10T09:00:00.000Z' }, says: /invite for one person, valid until 2026-12-10/ },
  'grant.created': {
    details: { grant: GRANT, to: { kind: 'contact', peerId: shop.peerIdString }, records: [ADDRESS], purpose: 'delivery', agreement: AGREEMENT },
    says: /^You shared your postal address \(Rua Augusta 1, Lisbon\) with Tea & Co for “delivery”\. Your terms: Delete it when I revoke access\.$/,
  },
  'grant.revoked': { details: { grant: GRANT }, says: /stopped sharing your postal address \(Rua Augusta 1, Lisbon\) with Tea & Co; they are told to delete it/ },
  'share.received': { details: { from: ana.peerIdString, records: [{ grant: 'g1', record: 'anaaddr01', version: 1 }] }, says: /^Ana shared their postal address \(Rua Nova 2, Porto\) with you/ },
  'share.revoked': { details: { from: ana.peerIdString, grant: 'g1', deleted: ['anaaddr01'] }, says: /^Ana stopped sharing with you.*\(one record\)/ },
  'share.file.sent': { details: { to: ana.peerIdString, grant: 'g2', record: 'r9docxxxxx', sha256: 'ab'.repeat(32), size: 10 }, says: /sent the file of your document .* to Ana/ },
  'share.file.received': { details: { from: ana.peerIdString, grant: 'g1', record: 'anadoc001', version: 1, sha256: 'ab'.repeat(32), size: 10 }, says: /arrived from Ana/ },
  'share.file.deleted': { details: { files: ['ab'.repeat(32)] }, says: /^One shared file was deleted here/ },
  'receipt.countersigned': { details: { from: ana.peerIdString, receipts: [{ grant: 'g1', receipt: 'urn:uuid:1' }] }, says: /signed Ana’s consent receipt/ },
  'outbox.deliver-delivered': { details: { peer: shop.peerIdString, subject: `${GRANT}:${ADDRESS}`, receipts: ['urn:uuid:1'] }, says: /^Your postal address \(Rua Augusta 1, Lisbon\) reached Tea & Co, who countersigned/ },
  'outbox.revoke-delivered': { details: { peer: shop.peerIdString, subject: `${GRANT}:revoke`, grant: GRANT, deleted: [ADDRESS] }, says: /^Tea & Co confirmed deleting/ },
  'outbox.answer-delivered': { details: { peer: ana.peerIdString, subject: 'request:q1', request: 'q1', received: true }, says: /answer to Ana’s request reached them/ },
  'outbox.e-receipt-delivered': { details: { peer: ana.peerIdString, subject: 'e-receipt:urn:uuid:1', status: 'stored' }, says: /^Your e-receipt reached Ana; it is in their locker\.$/ },
  'message.sent': { details: { peerId: shop.peerIdString, message: 'a'.repeat(26), thread: 'a'.repeat(26), seq: 1, attachments: 2 }, says: /^You wrote to Tea & Co \(2 attachments\)/ },
  'message.received': { details: { peerId: shop.peerIdString, messages: ['a'.repeat(26)], count: 1 }, says: /^Tea & Co wrote to you \(one message\)/ },
  'message.read-by': { details: { peerId: ana.peerIdString, messages: ['a'.repeat(26)], count: 3 }, says: /^Ana read 3 messages of yours/ },
  'conversation.read': { details: { peerId: ana.peerIdString, count: 2, receipt: false }, says: /^You read 2 messages from Ana; read receipts are off/ },
  'conversation.deleted': { details: { peerId: ana.peerIdString, count: 5 }, says: /^You deleted your copy of your conversation with Ana \(5 messages\); they keep theirs\.$/ },
  'outbox.message-delivered': { details: { peer: ana.peerIdString, subjects: ['message:1', 'message:2'], messages: ['a', 'b'] }, says: /^Your 2 messages reached Ana, with signed delivery receipts\.$/ },
  'outbox.message-read-delivered': { details: { peer: ana.peerIdString, subject: 'read:1', count: 1 }, says: /^Your read receipt reached Ana\.$/ },
  'outbox.deletion-receipt-delivered': { details: { peer: ana.peerIdString, subject: `deletion:${GRANT}`, status: 'kept' }, says: /deletion receipt reached Ana/ },
  'receipt.sent': { details: { customer: ana.did, peerId: ana.peerIdString, receipt: 'urn:uuid:1', orderId: 'A-1001', total: '9.00 EUR' }, says: /^You signed an e-receipt for order A-1001 \(9\.00 EUR\) for Ana/ },
  'receipt.received': { details: { from: shop.peerIdString, recordId: 'r9receipt1', type: 'purchase', receipt: 'urn:uuid:1', orderId: 'A-1001' }, says: /^Tea & Co sent you an e-receipt for order A-1001/ },
  'receipt.declined': { details: { from: shop.peerIdString, receipt: 'urn:uuid:1', orderId: 'A-1001' }, says: /declined an e-receipt for order A-1001 from Tea & Co/ },
  'retention.deleted': { details: { customer: ana.did, grant: 'g1', records: ['anaaddr01'], receipt: 'urn:uuid:2' }, says: /^The terms of Ana said to delete .* \(one record\)/ },
  'deletion.received': { details: { from: shop.peerIdString, grant: GRANT, records: [ADDRESS] }, says: /^Tea & Co deleted your postal address \(Rua Augusta 1, Lisbon\) as your terms asked/ },
  'agreement.receipts': { details: { agreement: AGREEMENT, accept: false }, says: /^You stopped taking e-receipts from Tea & Co\.$/ },
  'agreement.made': { details: { agreement: AGREEMENT, customer: me.did, vendor: shop.did, purpose: 'delivery', terms: ['delivery-only'] }, says: /agreement with Tea & Co for “delivery”/ },
  'agreement.countersigned': { details: { agreement: AGREEMENT, customer: ana.did, vendor: me.did, purpose: 'delivery', terms: [] }, says: /^Ana proposed an agreement for “delivery”/ },
  'agreement.refused': { details: { agreement: 'a1', vendor: shop.did, refused: ['custom'] }, says: /^Tea & Co refused your proposed terms \(one clause/ },
  'agreement.ended': { details: { agreement: AGREEMENT, role: 'customer' }, says: /You ended your agreement with Tea & Co for “delivery”/ },
  'agreement.end.acknowledged': { details: { agreement: AGREEMENT }, says: /^Tea & Co acknowledged/ },
  'request.received': { details: { request: 'q1', from: ana.peerIdString, types: ['address', 'email'], purpose: 'a birthday card' }, says: /^Ana asked for your postal address and email address for “a birthday card”/ },
  'request.sent': { details: { request: 'q2', to: ana.peerIdString, types: ['phone'], purpose: 'calls' }, says: /asked Ana for their phone number/ },
  'request.answered': { details: { request: 'q2', from: ana.peerIdString, status: 'approved', grant: 'g9' }, says: /^Ana approved your request/ },
  'request.denied': { details: { request: 'q1', from: ana.peerIdString }, says: /turned down Ana’s request/ },
  'import.started': { details: { file: 'contacts.vcf', format: 'vcard', run: 'r1' }, says: /^You began bringing your data home from an address book \(contacts\.vcf\)\.$/ },
  'records.imported': { details: { file: 'bank.csv', format: 'csv', count: 40, first: { id: 'a1', version: 1 }, last: { id: 'a9', version: 1 } }, says: /brought 40 records home from a purchase history \(bank\.csv\)/ },
  'records.reimported': { details: { file: 'cal.ics', format: 'ical', count: 1, ids: ['r1'] }, says: /^One record had changed in a calendar \(cal\.ics\)/ },
  'records.unimported': { details: { file: 'cal.ics', format: 'ical', run: 'r1', count: 3, ids: ['a', 'b', 'c'] }, says: /^Undoing the import of a calendar \(cal\.ics\): 3 records deleted or put back as before\.$/ },
  'import.undone': { details: { file: 'contacts.vcf', format: 'vcard', run: 'r1', deleted: 12, restored: 1, kept: 2, unchanged: 0 }, says: /^You undid the import of an address book \(contacts\.vcf\): 12 records it added deleted, one record it changed put back as before\. 2 records you had changed since were kept as they are\.$/ },
  'recovery.setup': { details: { setup: 'S'.repeat(22), threshold: 2, friends: [ana.peerIdString, shop.peerIdString] }, says: /You asked Ana and Tea & Co to each hold a recovery share of your key: any 2 of them/ },
  'outbox.recovery-delivered': { details: { peer: ana.peerIdString, subject: 'recovery', action: 'hold', setup: 'S'.repeat(22) }, says: /^Ana confirmed holding your recovery share/ },
  'recovery.share-held': { details: { owner: ana.peerIdString, setup: 'S'.repeat(22) }, says: /^You hold a recovery share for Ana:/ },
  'recovery.share-dropped': { details: { owner: ana.peerIdString, setup: 'S'.repeat(22) }, says: /^Ana changed their recovery friends/ },
  'recovery.approved': { details: { owner: ana.peerIdString, setup: 'S'.repeat(22), session: stranger.peerIdString }, says: /approved the recovery of Ana’s identity on a new device/ },
  'recovery.approval-received': { details: { peerId: ana.peerIdString, setup: 'S'.repeat(22) }, says: /^Ana approved your recovery/ },
  'records.returned': { details: { from: ana.peerIdString, count: 2, skipped: 1, records: [ADDRESS, EMAIL] }, says: /^Ana sent back what you had shared with them: 2 records kept again, one other not/ },
  'recovery.completed': { details: { setup: 'S'.repeat(22), threshold: 2, friends: [ana.peerIdString, shop.peerIdString] }, says: /got your identity back on this device: 2 friends approved, of the 2 needed/ },
  'vendor.profile.updated': { details: { name: 'Tea & Co', categories: ['tea'], accepts: ['delivery-only', 'no-tracking'] }, says: /customers see you as “Tea & Co”.*2 kinds of terms/ },
};

const MACHINE = [/did:key:/, /12D3KooW/, /\{|\}/, /\b[a-z]+\.[a-z-]+(\.[a-z-]+)?\b/, /undefined|null|NaN|\[object/];

test('sentences: every audit kind the code writes has one, with names and records, and no key, code or JSON', () => {
  const names = activityNames(facts);
  assert.deepEqual(new Set(Object.keys(SAMPLES)), new Set(AUDIT_KINDS), 'a sample for every kind');
  for (const kind of AUDIT_KINDS) {
    const sample = SAMPLES[kind];
    const sentence = describeEntry({ kind, details: sample.details }, names);
    if (process.env['SHOW_SENTENCES'] !== undefined) console.log(`${kind.padEnd(26)} ${sentence}`);
    assert.match(sentence, sample.says, kind);
    assert.match(sentence, /^[A-Z“]/, `${kind}: starts as a sentence`);
    for (const pattern of MACHINE) assert.doesNotMatch(sentence.replace(/backup\.kith|contacts\.vcf|bank\.csv|cal\.ics|me@example\.org/g, ''), pattern, `${kind}: "${sentence}"`);
  }
});

test('sentences: an encrypted export says so', () => {
  const sentence = describeEntry({ kind: 'bundle.exported', details: { ...SAMPLES['bundle.exported'].details, encrypted: true } }, activityNames(facts));
  assert.match(sentence, /^You exported everything to backup\.kith \(3 records, one document\), encrypted with a passphrase\.$/);
  assert.doesNotMatch(describeEntry({ kind: 'bundle.exported', details: SAMPLES['bundle.exported'].details }, activityNames(facts)), /encrypted/);
});

test('sentences: details missing or of the wrong shape still give a sentence, never a crash or a code', () => {
  const names = activityNames({ ...facts, contacts: [], records: [], grants: [], agreements: [], circles: [], shared: [] });
  for (const kind of AUDIT_KINDS) {
    for (const details of [{}, { peerId: 42, records: 'x', to: null, grant: [], types: {} }]) {
      const sentence = describeEntry({ kind, details }, names);
      assert.ok(sentence.length > 10, kind);
      for (const pattern of MACHINE) assert.doesNotMatch(sentence, pattern, `${kind}: "${sentence}"`);
    }
  }
  assert.match(describeEntry({ kind: 'vault.sealed', details: {} }, names), /newer version of Kith/);
});

test('entry refs: who and what an entry concerns, directly or through its grant or agreement', () => {
  const names = activityNames(facts);
  assert.deepEqual(entryRefs(SAMPLES['grant.revoked'].details, names), { people: [shop.peerIdString], records: [ADDRESS] });
  assert.deepEqual(entryRefs(SAMPLES['agreement.made'].details, names).people, [shop.peerIdString], 'a DID is the contact; you are not listed');
  assert.deepEqual(entryRefs(SAMPLES['outbox.deliver-delivered'].details, names), { people: [shop.peerIdString], records: [ADDRESS] });
  assert.deepEqual(entryRefs(SAMPLES['record.created'].details, names), { people: [], records: [ADDRESS] });
});

test('days: consecutive entries of one local day share a heading; today and yesterday by name', () => {
  const now = new Date(2026, 11, 7, 12, 0);
  const at = (d: number, h: number) => ({ time: new Date(2026, 11, d, h, 0).toISOString() });
  const groups = groupByDay([at(7, 11), at(7, 9), at(6, 20), at(1, 8)], now);
  assert.deepEqual(groups.map((g) => [g.label, g.items.length]), [['Today', 2], ['Yesterday', 1], ['Tuesday 1 December 2026', 1]]);
});
