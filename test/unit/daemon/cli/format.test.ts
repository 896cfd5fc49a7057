// `kith status` in words: each contact connected now, and whether directly or via a relay.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { NodeStatusView } from '../../../../src/api/methods/network.ts';
import { formatConnectedContact, formatStatus, shortPeerId } from '../../../../src/daemon/cli/format.ts';

const US = '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK';
const ANA = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const BEN = '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq';
const RELAY = '12D3KooWEVHnBo3Zx1xcmaFmJZC5e8Gk4T4cW1MDGMdWPv1EmCRX';

const online: NodeStatusView = {
  running: true,
  vendor: false,
  peerId: US,
  did: 'did:key:z6MkExample',
  addresses: [`/ip4/203.0.113.9/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${US}`],
  reachability: 'private',
  relays: [RELAY],
  connectedContacts: [
    { peerId: ANA, petname: 'Ana', via: 'direct' },
    { peerId: BEN, petname: 'Ben', via: 'relay', relay: RELAY },
  ],
  connectedPeers: 3,
};

test('a PeerId is shortened to its start and end', () => {
  assert.equal(shortPeerId(ANA), '12D3KooWQYhT…CVe2Xo');
  assert.equal(shortPeerId('QmShort'), 'QmShort');
});

test('each connected contact says direct, or via which relay', () => {
  assert.equal(formatConnectedContact({ peerId: ANA, petname: 'Ana', via: 'direct' }), 'Ana (12D3KooWQYhT…CVe2Xo) — direct');
  assert.equal(formatConnectedContact({ peerId: ANA, petname: 'Ana', via: 'relay', relay: RELAY }), 'Ana (12D3KooWQYhT…CVe2Xo) — via relay 12D3KooWEVHn…1EmCRX');
  assert.equal(formatConnectedContact({ peerId: ANA, petname: 'Ana', via: 'relay' }), 'Ana (12D3KooWQYhT…CVe2Xo) — via relay');
});

test('kith status lists the contacts online one a line, after the count', () => {
  const lines = formatStatus(online).split('\n');
  const at = lines.indexOf('Contacts online: 2');
  assert.ok(at > 0, lines.join('\n'));
  assert.deepEqual(lines.slice(at + 1), [
    '  Ana (12D3KooWQYhT…CVe2Xo) — direct',
    '  Ben (12D3KooWJWoa…2NASuq) — via relay 12D3KooWEVHn…1EmCRX',
    'Peers connected: 3',
  ]);
  assert.match(formatStatus({ ...online, connectedContacts: [] }), /^Contacts online: \(none\)$/m);
  assert.match(formatStatus({ ...online, running: false }), /^Your node is not running \(PeerId 12D3KooW.*kith start/);
});

test('kith status names a relay that is a contact, its key second', () => {
  const shop = { peerId: RELAY, petname: 'Tea & Co', via: 'direct' as const };
  const text = formatStatus({ ...online, relays: [RELAY], connectedContacts: [shop, { peerId: ANA, petname: 'Ana', via: 'relay', relay: RELAY }] });
  assert.match(text, /^Relays: {8}Tea & Co \(12D3KooWEVHn…1EmCRX\)$/m);
  assert.match(text, /^ {2}Ana \(12D3KooWQYhT…CVe2Xo\) — via relay Tea & Co$/m);
});
