// Line-delimited JSON files for bundles: written as a stream, read back line by line with
// a per-line size cap (a bundle is untrusted input).
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { KithError } from '../../base/errors.ts';
import { parseJson } from '../../base/schema.ts';

export interface JsonlWriter {
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
  readonly count: number;
}

export function jsonlWriter(path: string): JsonlWriter {
  const stream = createWriteStream(path, { flags: 'wx' });
  let count = 0;
  return {
    get count() {
      return count;
    },
    async write(value) {
      count++;
      if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** Yields each non-blank line with its number; `what` names the file in errors. */
export async function* readLines(path: string, what: string, maxLineBytes: number): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.length === 0) continue;
    if (text.length > maxLineBytes) throw new KithError('InvalidInput', `${what} line ${line} is longer than ${maxLineBytes} bytes.`);
    yield { line, text };
  }
}

/** Yields each line's parsed JSON ("records.jsonl line 7" in errors). */
export async function* readJsonl(path: string, what: string, maxLineBytes: number): AsyncGenerator<{ line: number; value: unknown }> {
  for await (const { line, text } of readLines(path, what, maxLineBytes)) {
    yield { line, value: parseJson(text, `${what} line ${line}`) };
  }
}
