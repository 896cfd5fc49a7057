// The one application API. Every method is declared here once — its kind, its input
// schema and its output schema — and the same contract serves the CLI (in process),
// Electron IPC and the browser bridge. A feature is added here first, then implemented
// in src/app, then shown in the UI and the CLI.
import { z } from 'zod';
import { RECORD_TYPES, provenanceSchema, recordSchemas } from './records.ts';
import { method, none } from './method.ts';
import { networkMethods } from './methods/network.ts';
import { peopleMethods } from './methods/people.ts';
import { sharingMethods } from './methods/sharing.ts';
import { agreementsMethods } from './methods/agreements.ts';
import { requestsMethods } from './methods/requests.ts';
import { settingsMethods } from './methods/settings.ts';
import { activityMethods, auditEntryView } from './methods/activity.ts';
import { vendorMethods } from './methods/vendor.ts';
import { receiptsMethods } from './methods/receipts.ts';
import { importMethods } from './methods/import.ts';
import { recoveryMethods } from './methods/recovery.ts';
import { vendorComplianceMethods } from './methods/vendor-compliance.ts';
import { conversationsMethods } from './methods/conversations.ts';

const did = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key');
const recordId = z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a record id such as 3k9x0c7w2m5q');
const filePath = z.string().min(1, 'must name a file').max(4096);
const passphrase = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const recordType = z.enum(RECORD_TYPES as [string, ...string[]], 'must be one of ' + RECORD_TYPES.join(', '));

/** Any record type with its data; `document` records are made by `doc.add`, not here. */
const typedData = z.discriminatedUnion(
  'type',
  (Object.keys(recordSchemas) as (keyof typeof recordSchemas)[])
    .filter((type) => type !== 'document')
    .map((type) => z.strictObject({ type: z.literal(type), data: recordSchemas[type] })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
  { error: `must be one of ${RECORD_TYPES.filter((type) => type !== 'document').join(', ')} (documents are added from a file)` },
);

const identity = z.strictObject({ did, peerId: z.string(), publicKeyMultibase: z.string() });

const record = z.strictObject({
  id: recordId,
  type: recordType,
  version: z.number().int().positive(),
  deleted: z.boolean(),
  time: z.string(),
  data: z.unknown(),
  /** Where an imported record came from, or the vendor an e-receipt came from. */
  source: provenanceSchema.optional(),
});

const recordWithCredential = record.extend({ credential: z.record(z.string(), z.unknown()) });

const auditEntry = auditEntryView;

const chainReport = z.strictObject({
  ok: z.boolean(),
  count: z.number().int().nonnegative(),
  problems: z.array(z.strictObject({ seq: z.number().int(), problem: z.string(), message: z.string() })),
});

const bundleSummary = z.strictObject({
  path: z.string(),
  owner: did,
  records: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
});

const verification = z.strictObject({
  valid: z.boolean(),
  kind: z.enum(['credential', 'bundle', 'unknown']),
  signers: z.array(z.string()),
  issuer: z.string().optional(),
  /** Why it is not valid. */
  reason: z.string().optional(),
  /** What could not be checked, for a valid file. */
  note: z.string().optional(),
  /** A passphrase-encrypted bundle (checked only when its passphrase is given). */
  encrypted: z.boolean().optional(),
});


export const contract = {
  'identity.status': method({
    kind: 'query',
    summary: 'Whether an identity exists here, and whether it is unlocked',
    input: none,
    output: z.strictObject({ initialized: z.boolean(), unlocked: z.boolean(), identity: identity.optional() }),
    keyless: true,
  }),
  'identity.init': method({
    kind: 'command',
    summary: 'Create a new identity; returns the recovery phrase, shown once',
    input: z.strictObject({ passphrase }),
    output: identity.extend({ recoveryPhrase: z.string() }),
    keyless: true,
  }),
  'identity.restore': method({
    kind: 'command',
    summary: 'Rebuild an identity from its 24-word recovery phrase',
    input: z.strictObject({ recoveryPhrase: z.string().max(1024), passphrase }),
    output: identity,
    keyless: true,
  }),
  'identity.unlock': method({
    kind: 'command',
    summary: 'Unlock the owner key with the passphrase',
    input: z.strictObject({ passphrase }),
    output: identity,
    keyless: true,
  }),
  'identity.lock': method({ kind: 'command', summary: 'Forget the unlocked key', input: none, output: none, keyless: true }),
  'identity.whoami': method({ kind: 'query', summary: 'The owner DID and PeerId', input: none, output: identity, keyless: true }),

  'data.set': method({
    kind: 'command',
    summary: 'Add a record of a type',
    input: typedData,
    output: record,
    signs: true,
  }),
  'data.update': method({
    kind: 'command',
    summary: 'Replace the data of a record with a new signed version',
    input: z.strictObject({ id: recordId, data: z.unknown() }),
    output: record,
    signs: true,
  }),
  'data.get': method({
    kind: 'query',
    summary: 'A record with its signed credential',
    input: z.strictObject({ id: recordId }),
    output: recordWithCredential,
  }),
  'data.list': method({
    kind: 'query',
    summary: 'Current records, optionally of one type',
    input: z.strictObject({ type: recordType.optional() }),
    output: z.array(record),
  }),
  'data.history': method({
    kind: 'query',
    summary: 'Every version of a record, tombstones included',
    input: z.strictObject({ id: recordId }),
    output: z.array(record),
  }),
  'data.remove': method({
    kind: 'command',
    summary: 'Delete a record (its history keeps a signed tombstone)',
    input: z.strictObject({ id: recordId }),
    output: record,
    signs: true,
  }),

  'doc.add': method({
    kind: 'command',
    summary: 'Store a file (streamed, content-addressed) as a document record',
    input: z.strictObject({
      path: filePath,
      name: z.string().min(1).max(255).optional(),
      mediaType: recordSchemas.document.shape.mediaType.optional(),
      /** A document this file is the new version of (holders of a grant get the new file). */
      replaces: recordId.optional(),
    }),
    output: record,
    signs: true,
  }),
  'doc.get': method({
    kind: 'query',
    summary: "Write a document's file out, checking its hash",
    input: z.strictObject({ id: recordId, outPath: filePath, overwrite: z.boolean().optional() }),
    output: z.strictObject({ path: z.string(), size: z.number().int(), sha256: z.string() }),
  }),

  'log.list': method({
    kind: 'query',
    summary: 'Audit trail entries',
    input: z.strictObject({
      from: z.number().int().nonnegative().optional(),
      limit: z.number().int().positive().max(10_000).optional(),
      kind: z.string().max(64).optional(),
    }),
    output: z.array(auditEntry),
  }),
  'log.verify': method({ kind: 'query', summary: 'Check the whole audit chain', input: none, output: chainReport }),

  'bundle.export': method({
    kind: 'command',
    summary: 'Write a signed, portable bundle of everything; with a passphrase, encrypted under it',
    input: z.strictObject({ path: filePath, overwrite: z.boolean().optional(), passphrase: passphrase.optional() }),
    output: bundleSummary,
    signs: true,
  }),
  'bundle.import': method({
    kind: 'command',
    summary: 'Restore a bundle into this (empty) locker; an encrypted one needs its passphrase (else WrongPassphrase)',
    input: z.strictObject({ path: filePath, passphrase: passphrase.optional() }),
    output: bundleSummary,
    signs: true,
  }),
  'verify.file': method({
    kind: 'query',
    summary: 'Check a credential or bundle file offline; an encrypted bundle is checked only with its passphrase',
    input: z.strictObject({ path: filePath, passphrase: passphrase.optional() }),
    output: verification,
    keyless: true,
  }),
  ...peopleMethods,
  ...networkMethods,
  ...sharingMethods,
  ...agreementsMethods,
  ...requestsMethods,
  ...settingsMethods,
  ...activityMethods,
  ...vendorMethods,
  ...receiptsMethods,
  ...importMethods,
  ...recoveryMethods,
  ...vendorComplianceMethods,
  ...conversationsMethods,
} as const;

/**
 * Events the node pushes to every connected UI (IPC, the bridge's /events), so screens
 * update live without reloading. Payloads say what changed, not the data: a UI that
 * cares asks again through the contract.
 */
export const events = {
  /** Created, restored, unlocked or locked. */
  'identity.changed': z.strictObject({}),
  /** One record changed (`id`), or many at once (an import: no `id`). */
  'records.changed': z.strictObject({ id: recordId.optional() }),
  /** The audit trail grew. */
  'log.appended': z.strictObject({}),
  /** Contacts, circles or blocks changed. */
  'contacts.changed': z.strictObject({}),
  /** Grants, deliveries or receipts changed (what I share). */
  'grants.changed': z.strictObject({}),
  /** Something was shared with me, updated, or revoked. */
  'shared.changed': z.strictObject({}),
  /** An agreement with a vendor was made, refused or ended (either side). */
  'agreements.changed': z.strictObject({}),
  /** Someone asked me for data, or I answered a request. */
  'inbox.changed': z.strictObject({}),
  /** A contact asked for data: who (our petname for them) and their stated purpose. */
  'request.received': z.strictObject({ from: z.string(), summary: z.string() }),
  /** A request I sent was recorded or answered. */
  'requests.changed': z.strictObject({}),
  /** Recovery changed: a setup, a friend's receipt, a share held or dropped, an approval in a session. */
  'recovery.changed': z.strictObject({}),
  /** The owner's settings (default terms) changed. */
  'settings.changed': z.strictObject({}),
  /** A conversation changed: a message sent, received, delivered, read, or the conversation deleted. */
  'conversations.changed': z.strictObject({ peer: did }),
  /**
   * A contact's message arrived (for a desktop notification and the unread badge): who
   * (`peer`, and `from`, our petname for them), which message, and its first line.
   */
  'message.received': z.strictObject({ peer: did, from: z.string(), id: z.string(), summary: z.string(), agreementId: z.string().optional() }),
  /**
   * How far an import (or its undo) has come, a few times a second while it runs: `id` is
   * the label the caller gave (data.import's `progress`), `done` of `total` in the phase's
   * unit (bytes while reading, items while checking and writing).
   */
  'import.progress': z.strictObject({
    id: z.string().max(64),
    phase: z.enum(['reading', 'checking', 'writing', 'undoing']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
/** One event; without a type argument, the union over all names (so `name` narrows `payload`). */
export type AppEvent<E extends EventName = EventName> = E extends EventName ? { readonly name: E; readonly payload: EventPayload<E> } : never;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
/** The application API as a TypeScript type: what src/app implements. */
export type AppApi = { [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<MethodOutput<M>> };

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export type RecordView = z.output<typeof record>;
export type AuditEntryView = z.output<typeof auditEntry>;
export type ChainReport = z.output<typeof chainReport>;
export type BundleSummary = z.output<typeof bundleSummary>;
export type IdentityView = z.output<typeof identity>;
