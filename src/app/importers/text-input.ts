// Turning an imported file's bytes into text: the encoding, binary files, line ends.
// Exports from phones and old desktop programs are not always UTF-8, and end lines with
// CRLF, LF or (old Macs, some Outlook versions) a bare CR.
import { KithError } from '../../base/errors.ts';

/** A file with a NUL byte in its first 8 KiB is not text (the heuristic git and grep use). */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head[0] === 0xff && head[1] === 0xfe) return false; // UTF-16 LE with its BOM
  if (head[0] === 0xfe && head[1] === 0xff) return false;
  return head.includes(0);
}

/** UTF-8 (or UTF-16 with a BOM); a file that is not valid UTF-8 is read as Windows-1252, what such exports mostly are. */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (isBinary(bytes)) {
    throw new KithError('InvalidInput', `${what} is a binary file, not text.`, { hint: 'Import the .vcf, .ics or .csv file itself (or a Takeout or Facebook .zip).' });
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The text's lines, whatever ends them (CRLF, LF or a stray CR). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Bytes in a charset a vCard 2.1 CHARSET parameter names; unknown charsets read as UTF-8. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
