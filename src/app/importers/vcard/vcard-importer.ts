// vCard 2.1, 3.0 and 4.0 (.vcf) address books: every card becomes a `contact` record.
import ICAL from 'ical.js';
import { KithError } from '../../../base/errors.ts';
import type { ImportFile, ImportItem, ImportRead, Importer, ItemProblem } from '../importer.ts';
import { contentKey, uniqueIds } from '../source-ids.ts';
import { decodeText, isBinary, splitLines } from '../text-input.ts';
import { contactFromCard } from './vcard-contact.ts';
import { type CardText, type ContentLine, parseContentLine, splitCards, unfold, writeContentLine } from './vcard-lines.ts';

/** A card rewritten as a 3.0 or 4.0 card ical.js reads; throws on a line that is not a vCard line. */
export function normalizeCard(card: CardText): string {
  const contents: ContentLine[] = [];
  for (const { line, text } of unfold(card)) {
    const content = parseContentLine(text, line);
    if (content === undefined) throw new Error(`line ${line} is not a vCard line`);
    contents.push(content);
  }
  const version = contents.find((content) => content.name === 'VERSION')?.value.trim() ?? '2.1';
  const out = ['BEGIN:VCARD', `VERSION:${version === '4.0' ? '4.0' : '3.0'}`];
  for (const content of contents) if (content.name !== 'VERSION') out.push(writeContentLine(content, version));
  out.push('END:VCARD', '');
  return out.join('\r\n');
}

/**
 * The cards' items in parts of at most `size` cards, each with the share of the file
 * read so far: an archive's importer writes each part before the next is parsed.
 */
export function* vcardParts(text: string, size = 1000): Generator<ImportRead & { readonly share: number }> {
  const { cards, unterminated } = splitCards(splitLines(text));
  if (cards.length === 0 && unterminated.length === 0) {
    throw new KithError('InvalidInput', 'The file holds no vCards (no BEGIN:VCARD line).', { hint: 'Is it the right file? Try --format to say what it is.' });
  }
  let problems: ItemProblem[] = unterminated.map((line) => ({ place: `the card at line ${line}`, reason: 'it has no END:VCARD' }));
  const unique = uniqueIds();
  for (let start = 0; start < cards.length || start === 0; start += size) {
    const items: ImportItem[] = [];
    cards.slice(start, start + size).forEach((card, offset) => {
      const place = `card ${start + offset + 1} (line ${card.line})`;
      try {
        const { uid, draft } = contactFromCard(ICAL.parse(normalizeCard(card)));
        const data = draft.data;
        const sourceId = unique(uid !== undefined ? `uid:${uid}` : contentKey([data['name'], data['emails'], data['phones']]));
        items.push({ sourceId, place, draft });
      } catch (error) {
        problems.push({ place, reason: error instanceof Error ? error.message : 'it could not be read' });
      }
    });
    yield { items, problems, share: cards.length === 0 ? 1 : Math.min(1, (start + size) / cards.length) };
    problems = [];
  }
}

export function readVcards(text: string): ImportRead {
  const items: ImportItem[] = [];
  const problems: ItemProblem[] = [];
  for (const part of vcardParts(text)) {
    items.push(...part.items);
    problems.push(...part.problems);
  }
  return { items, problems };
}

export const vcardImporter: Importer = {
  format: 'vcard',
  detect(file: ImportFile) {
    if (isBinary(file.bytes)) return false;
    return /\.vcf$|\.vcard$/i.test(file.name) || /^\s*BEGIN:VCARD\s*$/im.test(new TextDecoder().decode(file.bytes.subarray(0, 4096)));
  },
  read(file: ImportFile) {
    return readVcards(decodeText(file.bytes, file.name));
  },
};
