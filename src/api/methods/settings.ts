// The owner's settings kept in the locker (so they travel with an export): for now the
// default terms that sharing starts from. Desktop-only settings (the tray, keychain
// unlock) live with the desktop shell instead, since a headless node has neither.
import { z } from 'zod';
import { method, none } from '../method.ts';

/** Terms as grants.create takes them; `settings.get` answers in the same spelling. */
const termsInput = z.strictObject({
  /** Presets, comma-separated: delivery-only, no-tracking, no-onward-sharing, delete-on-revocation, delete-after-30d, breach-notice-48h. */
  terms: z.string().max(500),
  /** Clauses in your own words, as many as a grant takes (src/trust/terms.ts MAX_CUSTOM_CLAUSES). */
  clauses: z.array(z.string().max(500)).max(10, 'default terms hold at most 10 clauses of your own, as a grant does'),
});

const settingsView = z.strictObject({
  defaultTerms: termsInput.extend({
    /** Every clause in the words both sides see. */
    described: z.array(z.string()),
  }),
  /** When the owner last changed them; absent while they are Kith's own defaults. */
  updated: z.string().optional(),
  /** Whether my node tells the people I talk with that I read their messages (on until turned off). */
  readReceipts: z.boolean(),
});

export const settingsMethods = {
  'settings.get': method({ kind: 'query', summary: 'Your settings: the default terms sharing starts from, and read receipts', input: none, output: settingsView }),
  'settings.set': method({
    kind: 'command',
    summary: 'Change your default terms (preselected when you share or approve a request), or turn read receipts on or off',
    input: z
      .strictObject({ defaultTerms: termsInput.optional(), readReceipts: z.boolean().optional() })
      .refine((input) => input.defaultTerms !== undefined || input.readReceipts !== undefined, 'must change defaultTerms or readReceipts'),
    output: settingsView,
    signs: true,
  }),
} as const;

export type SettingsView = z.output<typeof settingsView>;
