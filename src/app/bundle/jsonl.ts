// Line-delimited JSON files for bundles: written as a stream, read back line by line with
// a per-line byte cap enforced while reading (a bundle is untrusted input: a line is
// never gathered past the cap, so one endless line cannot exhaust memory).
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { KithError } from '../../base/errors.ts';
import { parseJson } from '../../base/schema.ts';

export interface JsonlWriter {
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
  /** Stops writing after a failure (the file is left for the caller to remove). */
  destroy(): void;
  readonly count: number;
}

export function jsonlWriter(path: string): JsonlWriter {
  const stream = createWriteStream(path, { flags: 'wx' });
  // Always listened to: destroy() while a write is still in flight makes the stream emit
  // ERR_STREAM_DESTROYED, and an 'error' event nobody listens to ends the process — an export
  // that stopped at a bad record took the daemon down with it (found by fuzzing; see
  // test/unit/fuzz/regressions.test.ts). The first error is kept and thrown by the next call.
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  let count = 0;
  return {
    get count() {
      return count;
    },
    async write(value) {
      if (failure !== undefined) throw failure;
      count++;
      if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (failure !== undefined) throw failure;
      stream.end();
      await once(stream, 'finish');
    },
    destroy() {
      stream.destroy();
    },
  };
}

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Uint8Array, what: string, line: number): string {
  try {
    return utf8.decode(bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes);
  } catch {
    throw new KithError('InvalidInput', `${what} line ${line} is not valid UTF-8 text.`);
  }
}

/** Yields each non-blank line with its number; `what` names the file in errors. */
export async function* readLines(path: string, what: string, maxLineBytes: number): AsyncGenerator<{ line: number; text: string }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const tooLong = () => new KithError('InvalidInput', `${what} line ${line + 1} is longer than ${maxLineBytes} bytes.`);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (pendingBytes + end - start > maxLineBytes) throw tooLong();
      const bytes = pending.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
      pending = [];
      pendingBytes = 0;
      line++;
      if (bytes.length > 0) yield { line, text: decodeLine(bytes, what, line) };
      start = end + 1;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong();
      pending.push(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0) {
    line++;
    yield { line, text: decodeLine(Buffer.concat(pending), what, line) };
  }
}

/** Yields each line's parsed JSON ("records.jsonl line 7" in errors). */
export async function* readJsonl(path: string, what: string, maxLineBytes: number): AsyncGenerator<{ line: number; value: unknown }> {
  for await (const { line, text } of readLines(path, what, maxLineBytes)) {
    yield { line, value: parseJson(text, `${what} line ${line}`) };
  }
}
