// Reading the importer fixtures (test/fixtures/importers/: samples from other projects'
// test suites, each folder with its LICENSE and SOURCE).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFile } from '../../../../src/app/importers/importer.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'importers');

export function fixture(folder: string, name: string): ImportFile {
  return { name, bytes: readFileSync(join(FIXTURES, folder, name)) };
}

export function textFile(name: string, text: string, encoding: BufferEncoding = 'utf8'): ImportFile {
  return { name, bytes: Buffer.from(text, encoding) };
}
