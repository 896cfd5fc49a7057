// People and circles: the contacts made by invites, their petnames, circles, blocking.
import { z } from 'zod';
import { method, none } from '../method.ts';

/** A contact as a person names it: petname, DID or PeerId. */
const contactName = z.string().trim().min(1, 'must name a contact').max(200);
const circleName = z.string().trim().min(1, 'must name a circle').max(64);

export const contactView = z.strictObject({
  peerId: z.string(),
  did: z.string(),
  petname: z.string(),
  kind: z.enum(['person', 'vendor']),
  blocked: z.boolean(),
  circles: z.array(z.string()),
  added: z.string(),
});

const circleView = z.strictObject({
  id: z.string(),
  name: z.string(),
  members: z.array(z.strictObject({ peerId: z.string(), petname: z.string() })),
});

export const peopleMethods = {
  'contacts.list': method({ kind: 'query', summary: 'Your contacts', input: none, output: z.array(contactView) }),
  'contacts.rename': method({
    kind: 'command',
    summary: 'Give a contact another petname',
    input: z.strictObject({ contact: contactName, petname: z.string().max(200) }),
    output: contactView,
    signs: true,
  }),
  'contacts.block': method({
    kind: 'command',
    summary: 'Block a contact, or any PeerId or DID: it can no longer connect or use any protocol',
    input: z.strictObject({ peer: contactName }),
    output: z.strictObject({ peerId: z.string(), blocked: z.boolean() }),
    signs: true,
  }),
  'contacts.unblock': method({
    kind: 'command',
    summary: 'Lift a block',
    input: z.strictObject({ peer: contactName }),
    output: z.strictObject({ peerId: z.string(), blocked: z.boolean() }),
    signs: true,
  }),
  'circles.list': method({ kind: 'query', summary: 'Your circles and who is in them', input: none, output: z.array(circleView) }),
  'circles.create': method({ kind: 'command', summary: 'Make a circle', input: z.strictObject({ name: z.string().max(200) }), output: circleView, signs: true }),
  'circles.rename': method({
    kind: 'command',
    summary: 'Rename a circle',
    input: z.strictObject({ circle: circleName, name: z.string().max(200) }),
    output: circleView,
    signs: true,
  }),
  'circles.delete': method({ kind: 'command', summary: 'Delete a circle', input: z.strictObject({ circle: circleName }), output: circleView, signs: true }),
  'circles.add': method({
    kind: 'command',
    summary: 'Put a contact in a circle',
    input: z.strictObject({ circle: circleName, contact: contactName }),
    output: circleView,
    signs: true,
  }),
  'circles.remove': method({
    kind: 'command',
    summary: 'Take a contact out of a circle',
    input: z.strictObject({ circle: circleName, contact: contactName }),
    output: circleView,
    signs: true,
  }),
} as const;

export type ContactView = z.output<typeof contactView>;
export type CircleView = z.output<typeof circleView>;
