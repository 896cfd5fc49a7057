// Which store a node keeps what customers share in. A person's node: its locker. A vendor
// node (`kith start --vendor` once, remembered in <home>/vendor-store.json): its vendor
// store — PGlite in the data folder unless `--store URL` or KITH_VENDOR_STORE names a
// PostgreSQL server. The file never holds a password (PGPASSWORD or ~/.pgpass do).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson, parseWith } from '../base/schema.ts';
import { VendorStore, describeSpec, parseStoreSpec, type StoreSpec } from '../vendor/store/vendor-store.ts';

const choiceSchema = z.strictObject({ store: z.string().max(2000) });

function choiceFile(home: string): string {
  return join(home, 'vendor-store.json');
}

async function savedChoice(home: string): Promise<string | undefined> {
  const text = await readFile(choiceFile(home), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? undefined : parseWith(choiceSchema, parseJson(text, 'vendor-store.json'), 'vendor-store.json').store;
}

export interface VendorChoice {
  /** Starting as a vendor node (`kith start --vendor`). */
  readonly vendor?: boolean;
  /** `--store`: "pglite" or a postgres:// URL. */
  readonly store?: string;
}

/** The store of a vendor node, or undefined for a person's node. */
export async function chooseVendorStore(home: string, choice: VendorChoice = {}, env: NodeJS.ProcessEnv = process.env): Promise<StoreSpec | undefined> {
  const saved = await savedChoice(home);
  if (choice.vendor !== true && saved === undefined) return undefined;
  const spec = parseStoreSpec(choice.store ?? env['KITH_VENDOR_STORE'] ?? saved, home);
  if (choice.vendor === true && describeSpec(spec) !== saved) {
    await writeFile(choiceFile(home), `${JSON.stringify({ store: describeSpec(spec) })}\n`, { mode: 0o600 });
  }
  return spec;
}

/**
 * The vendor store, opened on first use. Only after the locker is: the locker's LevelDB
 * lock is what keeps a second process off this data folder, and PGlite has no lock of its own.
 */
export class VendorStoreHandle {
  readonly spec: StoreSpec;
  readonly #lockFirst: () => Promise<unknown>;
  #opening: Promise<VendorStore> | undefined;

  constructor(spec: StoreSpec, lockFirst: () => Promise<unknown>) {
    this.spec = spec;
    this.#lockFirst = lockFirst;
  }

  store(): Promise<VendorStore> {
    if (this.#opening === undefined) {
      const opening = this.#lockFirst().then(() => VendorStore.open(this.spec));
      opening.catch(() => {
        if (this.#opening === opening) this.#opening = undefined;
      });
      this.#opening = opening;
    }
    return this.#opening;
  }

  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = undefined;
    const store = await opening?.catch(() => undefined);
    await store?.close();
  }
}
