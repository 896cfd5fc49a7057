import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordView } from '../../../../src/api/contract.ts';
import type { AgreementView } from '../../../../src/api/methods/agreements.ts';
import type { GrantView } from '../../../../src/api/methods/sharing.ts';
import { buildPrivacyMap, grantState, type MapSources } from '../../../../renderer/privacy-map/map-model.ts';
import { holderLabel, stateWords } from '../../../../renderer/privacy-map/map-words.ts';

const time = '2026-11-01T10:00:00.000Z';
const holder = (peerId: string, petname: string, over: Partial<GrantView['holders'][number]> = {}) => ({ peerId, petname, upToDate: true, receipt: true, deleted: false, ...over });

function grant(id: string, over: Partial<GrantView>): GrantView {
  return { id, to: { kind: 'contact', name: 'Bea' }, records: [{ id: 'addr00000001' }], purpose: 'Cards', terms: ['No tracking or profiling.'], created: time, live: true, holders: [holder('peerB', 'Bea')], ...over };
}

const records: RecordView[] = [
  { id: 'addr00000001', type: 'address', version: 1, deleted: false, time, data: { streetAddress: 'Rua Nova 7', addressLocality: 'Lisboa', addressCountry: 'PT' } },
  { id: 'mail00000001', type: 'email', version: 1, deleted: false, time, data: { address: 'ana@example.org' } },
];

const agreement: AgreementView = {
  id: 'agr1',
  role: 'customer',
  with: { peerId: 'peerV', did: 'did:key:zV', petname: 'Livraria' },
  purpose: 'Book orders',
  terms: ['Use only to deliver what I asked for.'],
  created: time,
  status: 'active',
  signers: [],
  grants: [],
  credential: {},
};

const sources = (grants: GrantView[], agreements: AgreementView[] = []): MapSources => ({
  grants,
  contacts: [
    { peerId: 'peerB', did: 'did:key:zB', petname: 'Bea', kind: 'person', blocked: false, circles: ['Family'], added: time },
    { peerId: 'peerC', did: 'did:key:zC', petname: 'Caio', kind: 'person', blocked: false, circles: ['Family'], added: time },
    { peerId: 'peerV', did: 'did:key:zV', petname: 'Livraria', kind: 'vendor', blocked: false, circles: [], added: time },
  ],
  circles: [{ id: 'c000000000001', name: 'Family', members: [{ peerId: 'peerB', petname: 'Bea' }, { peerId: 'peerC', petname: 'Caio' }] }],
  agreements,
  records,
});

test('a grant is live, expired, revoked, or revoked with deletion not confirmed', () => {
  assert.equal(grantState(grant('g1', {})), 'live');
  assert.equal(grantState(grant('g1', { live: false, expires: time })), 'expired');
  assert.equal(grantState(grant('g1', { live: false, revoked: time, holders: [holder('peerB', 'Bea', { deleted: true })] })), 'revoked');
  const unconfirmed = grant('g1', { live: false, revoked: time });
  assert.equal(grantState(unconfirmed), 'unconfirmed');
  assert.match(stateWords(unconfirmed), /deletion not confirmed by Bea$/);
});

test('holders are people, circles and vendors; each record links to each holder per grant', () => {
  const map = buildPrivacyMap(
    sources(
      [
        grant('g1', { records: [{ id: 'addr00000001', fields: ['addressLocality'] }, { id: 'mail00000001' }] }),
        grant('g2', { to: { kind: 'circle', name: 'Family' }, holders: [holder('peerB', 'Bea'), holder('peerC', 'Caio')] }),
        grant('g3', { to: { kind: 'contact', name: 'Livraria' }, holders: [holder('peerV', 'Livraria')], live: false, revoked: time }),
        grant('g4', { records: [{ id: 'gone00000001' }], live: false, revoked: time, holders: [holder('peerB', 'Bea', { deleted: true })] }),
      ],
      [agreement],
    ),
    true,
  );
  assert.deepEqual(
    map.holders.map((h) => [h.key, h.kind, h.live, h.awaitingDeletion]),
    [
      ['contact:peerB', 'person', true, []],
      ['circle:Family', 'circle', true, []],
      ['contact:peerV', 'vendor', false, ['Livraria']],
    ],
  );
  assert.deepEqual(map.holders[1]?.members, ['Bea', 'Caio']);
  assert.deepEqual(map.holders[2]?.agreements.map((a) => a.id), ['agr1']);
  assert.deepEqual(
    map.records.map((r) => [r.category, r.label]),
    [
      ['Email address', 'ana@example.org'],
      ['Postal address', 'Rua Nova 7, Lisboa, PT'],
      ['', 'A record you since deleted'],
    ],
  );
  assert.deepEqual(
    map.links.map((l) => [l.grant.id, l.record, l.holder, l.state, l.fields]),
    [
      ['g1', 'addr00000001', 'contact:peerB', 'live', ['addressLocality']],
      ['g1', 'mail00000001', 'contact:peerB', 'live', undefined],
      ['g2', 'addr00000001', 'circle:Family', 'live', undefined],
      ['g3', 'addr00000001', 'contact:peerV', 'unconfirmed', undefined],
      ['g4', 'gone00000001', 'contact:peerB', 'revoked', undefined],
    ],
  );
  assert.equal(holderLabel(map.holders[0]!, 2), 'Bea, person: holds 2 records of yours');
  assert.equal(holderLabel(map.holders[2]!, 0), 'Livraria, vendor · agreement in force: holds nothing of yours; deletion not confirmed');
});

test('without ended sharing only what is held now is drawn; an agreement alone puts a vendor on the map', () => {
  const map = buildPrivacyMap(sources([grant('g1', { live: false, revoked: time })], [agreement]), false);
  assert.deepEqual(map.links, []);
  assert.deepEqual(map.holders.map((h) => [h.key, h.grants.length, h.agreements.length]), [['contact:peerV', 0, 1]]);
  assert.deepEqual(buildPrivacyMap(sources([], [{ ...agreement, status: 'ended' }]), true).holders, [], 'an ended agreement with nothing shared is not drawn');
});
