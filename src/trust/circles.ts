// Circles: named groups of contacts (family, friends, work) that a grant can name at
// once. Kept in the `circles` collection by a stable id, so renaming changes nothing that
// refers to a circle.
import type { AuditKind } from '../api/activity/audit-sentences.ts';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KithError } from '../base/errors.ts';
import { parseWith } from '../base/schema.ts';
import type { Signer } from '../identity/signer.ts';
import type { ItemChange, Locker } from '../store/locker.ts';
import type { Contact } from './contacts.ts';

export const CIRCLES = 'circles';
export const MAX_CIRCLE_MEMBERS = 1000;

export const circleNameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
export const circleSchema = z.strictObject({
  id: z.string().regex(/^c[a-z0-9]{12}$/),
  name: circleNameSchema,
  members: z.array(z.string().max(200)).max(MAX_CIRCLE_MEMBERS),
  created: z.iso.datetime(),
});
export type Circle = z.output<typeof circleSchema>;

export async function listCircles(locker: Locker): Promise<Circle[]> {
  return (await locker.collections.list(CIRCLES)).map((item) => parseWith(circleSchema, item.value, 'stored circle'));
}

/** A circle named by its name (case-insensitive) or id. */
export async function resolveCircle(locker: Locker, name: string): Promise<Circle> {
  const circles = await listCircles(locker);
  const found = circles.find((c) => c.id === name) ?? circles.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
  if (found === undefined) throw new KithError('NotFound', `You have no circle called "${name.slice(0, 80)}".`, { hint: 'See them with `kith circle list`.' });
  return found;
}

async function save(locker: Locker, signer: Signer, circle: Circle | null, id: string, kind: AuditKind, details: Record<string, unknown> = {}, extra: ItemChange[] = []) {
  await locker.commit(signer, { items: [{ collection: CIRCLES, id, value: circle }, ...extra], audit: [{ kind, details: { circle: id, ...details } }] });
}

async function assertNameFree(locker: Locker, name: string, except?: string): Promise<void> {
  const taken = (await listCircles(locker)).some((c) => c.id !== except && c.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new KithError('AlreadyExists', `You already have a circle called "${name}".`);
}

export async function createCircle(locker: Locker, signer: Signer, name: string): Promise<Circle> {
  const clean = parseWith(circleNameSchema, name, 'The circle name');
  await assertNameFree(locker, clean);
  const circle: Circle = { id: `c${randomBytes(8).toString('hex').slice(0, 12)}`, name: clean, members: [], created: new Date().toISOString() };
  await save(locker, signer, circle, circle.id, 'circle.created');
  return circle;
}

export async function renameCircle(locker: Locker, signer: Signer, name: string, newName: string): Promise<Circle> {
  const circle = await resolveCircle(locker, name);
  const clean = parseWith(circleNameSchema, newName, 'The new circle name');
  await assertNameFree(locker, clean, circle.id);
  const renamed = { ...circle, name: clean };
  await save(locker, signer, renamed, circle.id, 'circle.renamed');
  return renamed;
}

export async function deleteCircle(locker: Locker, signer: Signer, name: string): Promise<Circle> {
  const circle = await resolveCircle(locker, name);
  await save(locker, signer, null, circle.id, 'circle.deleted');
  return circle;
}

/**
 * Adds or removes a member. `consequences` are changes committed with it — e.g. what the
 * circle's live grants now release to a new member.
 */
export async function setMembership(
  locker: Locker,
  signer: Signer,
  name: string,
  contact: Contact,
  member: boolean,
  consequences?: (circle: Circle) => Promise<ItemChange[]>,
): Promise<Circle> {
  const circle = await resolveCircle(locker, name);
  const has = circle.members.includes(contact.peerId);
  if (has === member) return circle;
  if (member && circle.members.length >= MAX_CIRCLE_MEMBERS) throw new KithError('InvalidInput', `A circle holds at most ${MAX_CIRCLE_MEMBERS} people.`);
  const members = member ? [...circle.members, contact.peerId] : circle.members.filter((id) => id !== contact.peerId);
  const updated = { ...circle, members };
  const extra = (await consequences?.(updated)) ?? [];
  await save(locker, signer, updated, circle.id, member ? 'circle.member-added' : 'circle.member-removed', { peerId: contact.peerId }, extra);
  return updated;
}
