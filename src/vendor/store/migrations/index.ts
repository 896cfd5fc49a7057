// The vendor store's migrations, in order. A new one is a new numbered file added here;
// a migration once released is never edited (databases out there have applied it).
import * as initial from './001-initial.ts';
import * as webhooks from './002-webhooks.ts';
import * as receipts from './003-receipts.ts';
import * as leanRecords from './004-lean-records.ts';
import * as messages from './005-messages.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: initial.name, up: initial.up },
  { version: 2, name: webhooks.name, up: webhooks.up },
  { version: 3, name: receipts.name, up: receipts.up },
  { version: 4, name: leanRecords.name, up: leanRecords.up },
  { version: 5, name: messages.name, up: messages.up },
];
