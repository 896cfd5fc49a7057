// `kith contacts`, `kith circle …`, `kith block` / `unblock`.
import type { CircleView, ContactView } from '../../api/methods/people.ts';
import { arg, print, type Command } from './commands.ts';

function contactLine(c: ContactView): string {
  const tags = [c.kind === 'vendor' ? 'vendor' : '', c.blocked ? 'BLOCKED' : '', c.circles.length > 0 ? `in ${c.circles.join(', ')}` : '']
    .filter((t) => t.length > 0)
    .join('; ');
  return `${c.petname.padEnd(20)} ${c.peerId}${tags.length > 0 ? `  (${tags})` : ''}`;
}

function circleLine(c: CircleView): string {
  return `${c.name.padEnd(20)} ${c.members.length === 0 ? '(nobody yet)' : c.members.map((m) => m.petname).join(', ')}`;
}

function circleCommand(usage: string, summary: string, arity: [number, number], run: Command['run']): Command {
  return { usage, summary, arity, run };
}

export const peopleCommands: Readonly<Record<string, Command>> = {
  contacts: {
    usage: 'kith contacts',
    summary: 'Your contacts (people and vendors)',
    arity: [0, 0],
    async run(ctx) {
      const contacts = await ctx.client.call('contacts.list', {});
      print(ctx, contacts, () => (contacts.length === 0 ? 'No contacts yet. Invite someone with `kith invite`, or accept a code with `kith accept CODE`.' : contacts.map(contactLine).join('\n')));
    },
  },
  'contacts rename': {
    usage: 'kith contacts rename CONTACT PETNAME',
    summary: 'Call a contact by another name',
    arity: [2, 2],
    async run(ctx) {
      const contact = await ctx.client.call('contacts.rename', { contact: arg(ctx, 0), petname: arg(ctx, 1) });
      print(ctx, contact, () => `Renamed: ${contactLine(contact)}`);
    },
  },
  block: {
    usage: 'kith block CONTACT|PEERID|DID',
    summary: 'Block a peer: it can no longer connect or use any protocol',
    arity: [1, 1],
    async run(ctx) {
      const result = await ctx.client.call('contacts.block', { peer: arg(ctx, 0) });
      print(ctx, result, () => `Blocked ${result.peerId}.`);
    },
  },
  unblock: {
    usage: 'kith unblock CONTACT|PEERID|DID',
    summary: 'Lift a block',
    arity: [1, 1],
    async run(ctx) {
      const result = await ctx.client.call('contacts.unblock', { peer: arg(ctx, 0) });
      print(ctx, result, () => `Unblocked ${result.peerId}.`);
    },
  },
  'circle list': circleCommand('kith circle list', 'Your circles', [0, 0], async (ctx) => {
    const circles = await ctx.client.call('circles.list', {});
    print(ctx, circles, () => (circles.length === 0 ? 'No circles yet. Make one with `kith circle create NAME`.' : circles.map(circleLine).join('\n')));
  }),
  'circle create': circleCommand('kith circle create NAME', 'Make a circle (family, friends, work…)', [1, 1], async (ctx) => {
    const circle = await ctx.client.call('circles.create', { name: arg(ctx, 0) });
    print(ctx, circle, () => `Created circle ${circle.name}.`);
  }),
  'circle rename': circleCommand('kith circle rename CIRCLE NAME', 'Rename a circle', [2, 2], async (ctx) => {
    const circle = await ctx.client.call('circles.rename', { circle: arg(ctx, 0), name: arg(ctx, 1) });
    print(ctx, circle, () => `Renamed to ${circle.name}.`);
  }),
  'circle rm': circleCommand('kith circle rm CIRCLE', 'Delete a circle (its people stay your contacts)', [1, 1], async (ctx) => {
    const circle = await ctx.client.call('circles.delete', { circle: arg(ctx, 0) });
    print(ctx, circle, () => `Deleted circle ${circle.name}.`);
  }),
  'circle add': circleCommand('kith circle add CIRCLE CONTACT', 'Put a contact in a circle', [2, 2], async (ctx) => {
    const circle = await ctx.client.call('circles.add', { circle: arg(ctx, 0), contact: arg(ctx, 1) });
    print(ctx, circle, () => circleLine(circle));
  }),
  'circle remove': circleCommand('kith circle remove CIRCLE CONTACT', 'Take a contact out of a circle', [2, 2], async (ctx) => {
    const circle = await ctx.client.call('circles.remove', { circle: arg(ctx, 0), contact: arg(ctx, 1) });
    print(ctx, circle, () => circleLine(circle));
  }),
};
