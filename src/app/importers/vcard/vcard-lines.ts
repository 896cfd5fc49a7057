// The content lines of vCard files as phones and Outlook write them, made readable by
// ical.js. ical.js parses vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) but throws on what real
// exports contain: vCard 2.1's bare parameters (TEL;WORK;VOICE), QUOTED-PRINTABLE values
// with soft line breaks, CHARSET parameters, and bare CR line ends. So each card is split
// into logical lines here, 2.1 values are decoded, and the card is written back out as a
// 3.0 (or 4.0) card in the form ical.js expects.
import { decodeCharset } from '../text-input.ts';

export interface CardText {
  /** 1-based line of BEGIN:VCARD in the file. */
  readonly line: number;
  readonly lines: readonly string[];
}

export interface ContentLine {
  readonly line: number;
  readonly group: string | undefined;
  /** Upper case. */
  readonly name: string;
  /** Parameter names upper case; a 2.1 bare parameter (WORK) is filed under TYPE. */
  readonly params: ReadonlyMap<string, string[]>;
  readonly value: string;
}

/** The cards in a file, each with its lines; a card without END:VCARD is a problem, not the end of the import. */
export function splitCards(lines: readonly string[]): { cards: CardText[]; unterminated: number[] } {
  const cards: CardText[] = [];
  const unterminated: number[] = [];
  let current: { line: number; lines: string[]; depth: number } | undefined;
  lines.forEach((text, index) => {
    const upper = text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (current === undefined) {
        current = { line: index + 1, lines: [], depth: 0 };
        return;
      }
      current.depth++; // a 2.1 AGENT card nested inside: kept as part of its card
    }
    if (current === undefined) return;
    if (upper === 'END:VCARD') {
      if (current.depth === 0) {
        cards.push({ line: current.line, lines: current.lines });
        current = undefined;
        return;
      }
      current.depth--;
    }
    current.lines.push(text);
  });
  if (current !== undefined) unterminated.push(current.line);
  return { cards, unterminated };
}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** Splits `a;b="c;d":e` at the first colon outside quotes into the name part and the value. */
function splitAtColon(text: string): [string, string] | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return [text.slice(0, i), text.slice(i + 1)];
  }
  return undefined;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Parses one unfolded line; undefined when it is not a content line at all. */
export function parseContentLine(text: string, line: number): ContentLine | undefined {
  const split = splitAtColon(text);
  if (split === undefined) return undefined;
  const [head, value] = split;
  const [namepart = '', ...paramParts] = splitOutsideQuotes(head, ';');
  const dot = namepart.lastIndexOf('.');
  const group = dot > 0 ? namepart.slice(0, dot) : undefined;
  const name = (dot > 0 ? namepart.slice(dot + 1) : namepart).trim().toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return undefined;
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]) => params.set(key, [...(params.get(key) ?? []), ...values]);
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      // vCard 2.1 §2.1.2: a bare parameter is a type (WORK, VOICE) or an encoding.
      const bare = part.trim().toUpperCase();
      if (bare === '') continue;
      if (ENCODINGS.has(bare)) add('ENCODING', [bare]);
      else add('TYPE', [bare]);
      continue;
    }
    const key = part.slice(0, eq).trim().toUpperCase();
    add(key, splitOutsideQuotes(part.slice(eq + 1), ',').map((v) => unquote(v.trim())));
  }
  return { line, group, name, params, value };
}

function isQuotedPrintable(head: string): boolean {
  return /;(ENCODING=)?QUOTED-PRINTABLE(;|:|$)/i.test(head);
}

/**
 * Joins folded lines into logical lines, each with the file line it starts on: RFC 2425
 * folding (a line starting with a space or tab continues the one before) and, in 2.1,
 * a QUOTED-PRINTABLE value ending in "=" (a soft line break) continues on the next line.
 */
export function unfold(card: CardText): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let softBreak = false;
  card.lines.forEach((text, index) => {
    const line = card.line + 1 + index;
    const last = out[out.length - 1];
    if (last !== undefined && softBreak) {
      last.text = last.text.slice(0, -1) + text.replace(/^[ \t]/, '');
    } else if (last !== undefined && /^[ \t]/.test(text)) {
      last.text += text.slice(1);
    } else if (text.trim() === '') {
      return; // 2.1 ends a BASE64 value with a blank line
    } else {
      out.push({ line, text });
    }
    const current = out[out.length - 1];
    softBreak = current !== undefined && current.text.endsWith('=') && isQuotedPrintable(splitAtColon(current.text)?.[0] ?? '');
  });
  return out;
}

/** Decodes a QUOTED-PRINTABLE value (RFC 2045 §6.7) to bytes. */
export function decodeQuotedPrintable(value: string): Uint8Array {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    const hex = value.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === '=' && i === value.length - 1) {
      continue; // a trailing soft break
    } else {
      bytes.push(...encoder.encode(char));
    }
  }
  return Uint8Array.from(bytes);
}

/** Properties whose values are lists of components separated by ";" (RFC 6350 §6.2.2, §6.3.1, §6.6.4). */
const STRUCTURED = new Set(['N', 'ADR', 'ORG', 'GENDER', 'CLIENTPIDMAP']);

/**
 * A 2.1 value as 3.0 text: 2.1 never escapes commas (3.0 reads a bare one as a list
 * separator), a backslash is only an escape before ";" in a structured value, and
 * QUOTED-PRINTABLE values hold real line breaks.
 */
function escapeText(name: string, value: string): string {
  const backslashes = STRUCTURED.has(name) ? value.replace(/\\(?!;)/g, '\\\\') : value.replace(/\\/g, '\\\\');
  // ical.js reads a bare ";" in a value that is not structured as itself (and would keep "\\;" escaped).
  return backslashes.replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,');
}

/** ical.js leaves "\\;" escaped in a value that is not structured (RFC 2426 §5 escapes it in any text): unescaped here. */
function unescapeSemicolons(name: string, value: string): string {
  if (STRUCTURED.has(name)) return value;
  return value.replace(/\\(.)/gs, (escape: string, char: string) => (char === ';' ? ';' : escape));
}

function quoteParam(value: string): string {
  return /[;:,"]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value;
}

/** A content line written the way ical.js reads it (3.0 for a 2.1 card). */
export function writeContentLine(content: ContentLine, version: string): string {
  const params = new Map(content.params);
  let value = content.value;
  const encoding = params.get('ENCODING')?.[0]?.toUpperCase();
  const charset = params.get('CHARSET')?.[0];
  params.delete('CHARSET');
  if (encoding === 'QUOTED-PRINTABLE') {
    params.delete('ENCODING');
    value = decodeCharset(decodeQuotedPrintable(value), charset);
    value = version === '2.1' ? escapeText(content.name, value) : unescapeSemicolons(content.name, value);
  } else if (encoding === 'BASE64' || encoding === 'B') {
    params.set('ENCODING', ['b']);
    value = value.replace(/\s+/g, '');
  } else {
    params.delete('ENCODING');
    value = version === '2.1' ? escapeText(content.name, value) : unescapeSemicolons(content.name, value);
  }
  const head = [content.group === undefined ? content.name : `${content.group}.${content.name}`];
  for (const [key, values] of params) head.push(`${key}=${values.map(quoteParam).join(',')}`);
  return `${head.join(';')}:${value}`;
}
