// /kith/name over real libp2p on loopback, in one process: a contact is told the name the
// owner chose to tell it, or none; a stranger is refused; an answer the asker cannot trust
// (too long, control characters) is a Protocol error, and a node never sends one.
import { strict as assert } from 'node:assert';
import { test, type TestContext } from 'node:test';
import { z } from 'zod';
import { KithError } from '../../../src/base/errors.ts';
import { OwnerKey } from '../../../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../../../src/net/node.ts';
import { askName, NAME_PROTOCOL, startNameProtocol } from '../../../src/net/protocols/name/name-protocol.ts';
import { generatedName, type Contact } from '../../../src/trust/contacts.ts';

const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false, inboundConnectionThreshold: 1000 };
const isCode = (code: string) => (error: unknown) => error instanceof KithError && error.code === code;

async function node(t: TestContext, owner = OwnerKey.generate()): Promise<KithNode> {
  const started = await createKithNode({ owner, ...LOOPBACK });
  t.after(() => started.stop());
  // An echo to dial by address first, so the name is then asked by PeerId alone.
  await started.handle('/kith/echo/1.0.0', (request) => request, { schema: z.object({}) });
  return started;
}

function asContact(peer: KithNode, extra: Partial<Contact> = {}): Contact {
  return { peerId: peer.peerId, did: 'did:key:unused', petname: generatedName('person', peer.peerId), kind: 'person', addrs: [], added: new Date().toISOString(), ...extra };
}

async function meet(asker: KithNode, server: KithNode): Promise<void> {
  await asker.request(server.multiaddrs()[0]!, '/kith/echo/1.0.0', {});
}

test('name: a contact gets the name chosen for it, or none; a stranger is refused', async (t) => {
  const [ben, ana, cleo, eve] = await Promise.all([node(t), node(t), node(t), node(t)]);
  const contacts = new Map([ana, cleo].map((peer) => [peer.peerId, asContact(peer, { shareName: peer === ana })]));
  let own = 'Ben Costa';
  await startNameProtocol({
    node: ben,
    contact: async (peerId) => contacts.get(peerId),
    nameFor: async (contact) => (contact.shareName === true ? own : undefined),
  });
  for (const peer of [ana, cleo, eve]) await meet(peer, ben);

  assert.equal(await askName(ana, asContact(ben)), 'Ben Costa');
  own = '  Ben C. Costa ';
  assert.equal(await askName(ana, asContact(ben)), 'Ben C. Costa', 'asked again, the new name, trimmed');
  assert.equal(await askName(cleo, asContact(ben)), undefined, 'Cleo was not told the name (--hide-name)');
  await assert.rejects(askName(eve, asContact(ben)), isCode('NotTrusted'), 'not a contact');

  // A name record holding what the asker would refuse is not sent at all.
  own = 'Ben\u0007';
  assert.equal(await askName(ana, asContact(ben)), undefined);
  own = 'x'.repeat(200);
  assert.equal(await askName(ana, asContact(ben)), 'x'.repeat(64), 'cut to 64 characters');
});

test('name: an answer with a name too long, a control or a bidi-override character, or extra fields is a Protocol error', async (t) => {
  const [liar, ana] = await Promise.all([node(t), node(t)]);
  let answer: unknown = {};
  // A peer that answers whatever it likes, bypassing startNameProtocol's checks.
  await liar.handle(NAME_PROTOCOL, () => answer, { schema: z.object({}) });
  await meet(ana, liar);
  for (const bad of [{ name: 'x'.repeat(65) }, { name: 'Ben\nCosta' }, { name: 'Ben \u202Etsoc' }, { name: '   ' }, { name: 42 }, { name: 'Ben', admin: true }]) {
    answer = bad;
    await assert.rejects(askName(ana, asContact(liar)), isCode('Protocol'), JSON.stringify(bad));
  }
  answer = { name: 'Lia' };
  assert.equal(await askName(ana, asContact(liar)), 'Lia');
});
