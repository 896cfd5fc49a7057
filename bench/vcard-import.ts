// Importing 10,000 contacts from one vCard file (`data.import`: read, decode, parse with
// ical.js, map, match against earlier imports, sign with provenance, commit in bulk)
// against writing the same 10,000 signed contact records straight into a locker (sign,
// commitMany). Target: the import runs at >= 0.8 of the direct write.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppContext } from '../src/app/context.ts';
import { readVcards } from '../src/app/importers/vcard/vcard-importer.ts';
import { resolvePaths } from '../src/app/paths.ts';
import { recordCredential } from '../src/app/records/record-credential.ts';
import { newRecordId } from '../src/app/records/record-id.ts';
import { identityService } from '../src/app/services/identity-service.ts';
import { importService } from '../src/app/services/import-service.ts';
import { compareRates, report } from './harness.ts';

const CONTACTS = 10_000;

function addressBook(count: number): string {
  const cards: string[] = [];
  for (let i = 0; i < count; i++) {
    cards.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `UID:bench-${i}`,
        `FN:Person ${i} Lima`,
        `N:Lima;Person ${i};;;`,
        `EMAIL;TYPE=INTERNET,WORK:person${i}@example.org`,
        `TEL;TYPE=CELL:+351 91 ${String(i).padStart(7, '0')}`,
        `ADR;TYPE=HOME:;;Rua Augusta ${i};Lisboa;;1100-053;Portugal`,
        'ORG:Example;Sales',
        `NOTE:Met at the conference\\, table ${i}.`,
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return cards.join('\r\n') + '\r\n';
}

async function freshHome(): Promise<{ ctx: AppContext; done: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'kith-bench-vcard-'));
  const ctx = new AppContext(resolvePaths(home));
  await identityService(ctx)['identity.init']({ passphrase: 'bench passphrase' });
  await ctx.locker();
  return {
    ctx,
    done: async () => {
      await ctx.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export async function benchVcardImport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-vcf-'));
  const path = join(dir, 'contacts.vcf');
  const text = addressBook(CONTACTS);
  await writeFile(path, text);
  const contacts = readVcards(text).items.map((item) => item.draft.data);
  if (contacts.length !== CONTACTS) throw new Error(`the address book reads as ${contacts.length} contacts`);
  try {
    const direct = async () => {
      const { ctx, done } = await freshHome();
      try {
        const signer = ctx.signer();
        const locker = await ctx.locker();
        const started = performance.now();
        const time = new Date().toISOString();
        const versions = (function* () {
          for (const [index, data] of contacts.entries()) {
            const id = newRecordId();
            const source = { format: 'vcard' as const, file: 'contacts.vcf', sourceId: `uid:bench-${index}`, place: `card ${index + 1}`, imported: time };
            yield { id, type: 'contact', version: 1, deleted: false, time, credential: recordCredential(signer, { id, type: 'contact', version: 1, deleted: false, time, data, source }) };
          }
        })();
        await locker.commitMany(signer, versions, { audit: { kind: 'records.imported', details: {} } });
        return (CONTACTS * 1000) / (performance.now() - started);
      } finally {
        await done();
      }
    };
    const imported = async () => {
      const { ctx, done } = await freshHome();
      try {
        const started = performance.now();
        const result = await importService(ctx)['data.import']({ path });
        if (result.imported !== CONTACTS) throw new Error(`imported ${result.imported} of ${CONTACTS}`);
        return (CONTACTS * 1000) / (performance.now() - started);
      } finally {
        await done();
      }
    };
    const { baseline, subject } = await compareRates(direct, imported, 5);
    report(`import ${CONTACTS / 1000}k contacts from one vCard vs writing the same signed records`, 'contacts/s', baseline.rate, subject.rate, { atLeast: 0.8 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchVcardImport();
