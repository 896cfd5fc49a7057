// A node that can be reached only through a relay still shares: three daemons, each its
// own process — a relay (`kith start --relay`), Ana, and Ben, who listens on no direct
// address at all, only on a circuit reservation at the relay
// (`--listen <relay>/p2p-circuit`). Ben's invite therefore carries only relay circuit
// addresses; Ana accepts it, grants Ben a record, updates it, and Ben gets both versions.
// The connection between them is the relayed one: `kith status` on both sides says the
// contact is connected via the relay, Ben cannot be dialled directly, and when the relay
// stops they are no longer connected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { shortPeerId } from '../../src/daemon/cli/format.ts';
import { readInvite } from '../../src/trust/invite-code.ts';
import { type Daemon, bridgeClient, eventually, fileScope, startDaemon } from './daemons.ts';
import { loopback } from './fixtures/scripted-peer.ts';

interface Status {
  running: boolean;
  addresses: string[];
  reachability: string;
  relays: string[];
  connectedContacts: { peerId: string }[];
}

const hooks = fileScope(after);
const status = async (d: Daemon) => (await d.kith(['status', '--json'])).json<Status>();

let relay: Daemon;
let ana: Daemon;
let ben: Daemon;
let invite: string;

before(async () => {
  relay = await startDaemon(hooks, ['--relay']);
  [ana, ben] = await Promise.all([startDaemon(hooks), startDaemon(hooks, ['--listen', `${loopback(relay.addresses)}/p2p-circuit`], { directListen: false })]);
});

test('a node listening only through a relay has only circuit addresses, and its invite carries them', async () => {
  const benStatus = await status(ben);
  assert.equal(benStatus.running, true);
  assert.deepEqual(benStatus.relays, [relay.peerId]);
  assert.equal(benStatus.reachability, 'private');
  assert.ok(benStatus.addresses.length > 0);
  for (const address of benStatus.addresses) assert.match(address, new RegExp(`/p2p/${relay.peerId}/p2p-circuit/p2p/${ben.peerId}$`));
  invite = (await ben.kith(['invite', '--json'])).json<{ code: string }>().code;
  const addrs = readInvite(invite).addrs;
  assert.ok(addrs.length > 0);
  for (const address of addrs) assert.match(address, new RegExp(`/p2p/${relay.peerId}/p2p-circuit`));
});

test(
  'through the relay: the invite is accepted, a grant and its update arrive, and the connection is the relayed one',
  async () => {
    // Polled over the bridges (the calls `kith shared/grants/status --json` make), to keep it quick.
    const [anaApi, benApi] = await Promise.all([bridgeClient(ana), bridgeClient(ben)]);
    const [accepted, created] = await Promise.all([ana.kith(['accept', invite, '--json']), ana.kith(['data', 'set', 'name', '{"full":"Ana Lima"}', '--json'])]);
    assert.equal(accepted.code, 0, accepted.stderr);
    const benAtAna = accepted.json<{ petname: string }>().petname;
    const record = created.json<{ id: string }>().id;
    const granted = await ana.kith(['grant', benAtAna, record, '--purpose', 'Address book', '--json']);
    assert.equal(granted.code, 0, granted.stderr);
    const first = await eventually(() => benApi.call('shared.list', {}), (s) => s[0]?.record.version === 1, 'the delivery through the relay');
    assert.equal(first[0]?.from.peerId, ana.peerId);
    assert.deepEqual(first[0]?.record.data, { full: 'Ana Lima' });

    assert.equal((await ana.kith(['data', 'update', record, '{"full":"Ana Lima Costa"}'])).code, 0);
    const second = await eventually(() => benApi.call('shared.list', {}), (s) => s[0]?.record.version === 2, 'the update through the relay');
    assert.deepEqual(second[0]?.record.data, { full: 'Ana Lima Costa' });
    await eventually(
      () => anaApi.call('grants.list', {}),
      (g) => g[0]?.holders[0]?.upToDate === true && g[0]?.holders[0]?.receipt === true,
      'Ben up to date and his countersigned receipt at Ana',
    );

    // Ben has no direct address, so Ana reached him through the relay, and status says so
    // on both sides (the bridge answers what `kith status --json` prints; Ana's also in
    // words); stop the relay and the connection between them is gone with it.
    const [anaSees, benSees] = await Promise.all([anaApi.call('node.status', {}), benApi.call('node.status', {})]);
    assert.deepEqual(
      anaSees.connectedContacts.find((c) => c.peerId === ben.peerId),
      { peerId: ben.peerId, petname: benAtAna, via: 'relay', relay: relay.peerId },
      'Ana and Ben are connected, through the relay',
    );
    assert.deepEqual(
      benSees.connectedContacts.filter((c) => c.peerId === ana.peerId).map((c) => [c.via, c.relay]),
      [['relay', relay.peerId]],
    );
    const human = (await ana.kith(['status'])).stdout.split('\n');
    assert.ok(human.includes(`  ${benAtAna} (${shortPeerId(ben.peerId)}) — via relay ${shortPeerId(relay.peerId)}`), human.join('\n'));
    await relay.kill();
    await eventually(
      () => anaApi.call('node.status', {}),
      (s) => !s.connectedContacts.some((c) => c.peerId === ben.peerId),
      'the relayed connection ending with the relay',
      15_000,
    );
    const logs = await Promise.all([anaApi.call('log.verify', {}), benApi.call('log.verify', {})]);
    assert.deepEqual(logs.map((l) => l.ok), [true, true]);
  },
);
