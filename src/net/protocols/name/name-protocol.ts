// /kith/name/1.0.0 — the name a contact goes by, asked on each connection so that a name
// it changes (a person's name record) follows on the other side.
//
//   {}  ->  { name? }      no name: the owner did not choose to share it with this contact
//
// Only contacts are answered, and only with what the owner chose to tell that contact
// (the invite's --hide-name / checkbox, kept per contact). The answer is untrusted: the
// asker takes a bounded name without control characters, or rejects the answer.
import { z } from 'zod';
import { KithError } from '../../../base/errors.ts';
import { selfNameSchema, type Contact } from '../../../trust/contacts.ts';
import type { KithNode } from '../../node.ts';
import { protocolId } from '../protocol-id.ts';

export const NAME_PROTOCOL = protocolId('name');

const requestSchema = z.strictObject({});
const answerSchema = z.strictObject({ name: selfNameSchema.optional() });
/** The messages as schemas, for the fuzz targets (test/fuzz/targets/protocol-messages.ts). */
export { requestSchema as nameRequestSchema, answerSchema as nameAnswerSchema };

/** A name of 64 characters is at most 256 bytes of UTF-8; the rest is the envelope. */
export const NAME_LIMITS = { maxRequestBytes: 64, maxResponseBytes: 1024, rate: { perSecond: 0.5, burst: 5 } };

export interface NameComponents {
  readonly node: KithNode;
  /** The sender as a contact (only contacts are answered), or undefined (not one, or blocked). */
  readonly contact: (peerId: string) => Promise<Contact | undefined>;
  /** The name this node tells `contact` now, or undefined when it tells none. */
  readonly nameFor: (contact: Contact) => Promise<string | undefined>;
}

export async function startNameProtocol(components: NameComponents): Promise<void> {
  await components.node.handle(
    NAME_PROTOCOL,
    async (_request, { remotePeer }) => {
      const contact = await components.contact(remotePeer);
      if (contact === undefined) throw new KithError('NotTrusted', 'Only contacts may ask this node its name.');
      // Our own name record could hold anything: send only what the asker would accept.
      const parsed = selfNameSchema.safeParse((await components.nameFor(contact))?.slice(0, 64));
      return parsed.success ? { name: parsed.data } : {};
    },
    { schema: requestSchema, limits: NAME_LIMITS },
  );
}

/** What `contact` says it goes by now (undefined: it tells us none); a malformed answer is a Protocol error. */
export async function askName(node: KithNode, contact: Contact): Promise<string | undefined> {
  const answer = await node.request(contact.peerId, NAME_PROTOCOL, {}, { responseSchema: answerSchema, timeoutMs: 10_000 });
  return answer.name;
}
