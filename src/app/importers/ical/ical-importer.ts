// iCalendar (.ics) calendars: every event becomes an `event` record; a RECURRENCE-ID
// override is kept inside its series' record (data.changes) rather than made a record of
// its own, so the series reads, shares and updates as one thing.
import ICAL from 'ical.js';
import { KithError } from '../../../base/errors.ts';
import type { ImportFile, ImportItem, ImportRead, Importer, ItemProblem } from '../importer.ts';
import { contentKey, uniqueIds } from '../source-ids.ts';
import { decodeText, isBinary, splitLines } from '../text-input.ts';
import { type Block, splitBlocks } from './ical-blocks.ts';
import { type Zones, eventChange, eventData } from './ical-event.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

function parseBlock(block: Block): Component {
  return new ICAL.Component(ICAL.parse(block.text) as unknown[]);
}

const placeOf = (block: Block, index: number) => `event ${index + 1} (line ${block.line})`;

export function readCalendar(text: string): ImportRead {
  const { blocks, unterminated } = splitBlocks(splitLines(text));
  if (blocks.length === 0 && unterminated.length === 0) {
    throw new KithError('InvalidInput', 'The file holds no events (no BEGIN:VEVENT line).', { hint: 'Is it the right file? Try --format to say what it is.' });
  }
  const problems: ItemProblem[] = unterminated.map((line) => ({ place: `the block at line ${line}`, reason: 'it never ends (no END line)' }));
  const zones = new Map<string, Timezone>();
  for (const block of blocks.filter((b) => b.kind === 'VTIMEZONE')) {
    try {
      const zone = new ICAL.Timezone(parseBlock(block));
      if (zone.tzid !== '') zones.set(zone.tzid, zone);
    } catch (error) {
      problems.push({ place: `the time zone at line ${block.line}`, reason: error instanceof Error ? error.message : 'it could not be read' });
    }
  }
  return readEvents(blocks.filter((b) => b.kind === 'VEVENT'), zones, problems);
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'it could not be read' };
  }
}

interface Read {
  readonly block: Block;
  readonly index: number;
  readonly uid: string | undefined;
}

/**
 * Each event is parsed and mapped to plain data at once, and its ical.js component
 * dropped: 10,000 components held until the end took hundreds of MB (bench/takeout-import.ts).
 */
function readEvents(blocks: readonly Block[], zones: Zones, problems: ItemProblem[]): ImportRead {
  const masters: (Read & { data: Outcome<Record<string, unknown>> })[] = [];
  const overrides: (Read & { change: Outcome<Record<string, unknown>>; alone: Outcome<{ data: Record<string, unknown>; recurrence: unknown }> })[] = [];
  blocks.forEach((block, index) => {
    try {
      const event = parseBlock(block);
      const value = event.getFirstPropertyValue('uid');
      const uid = typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 900) : undefined;
      if (event.hasProperty('recurrence-id') && uid !== undefined) {
        overrides.push({ block, index, uid, change: attempt(() => eventChange(event, zones)), alone: attempt(() => ({ data: eventData(event, zones), recurrence: eventChange(event, zones)['recurrenceId'] })) });
      } else masters.push({ block, index, uid, data: attempt(() => eventData(event, zones)) });
    } catch (error) {
      problems.push({ place: placeOf(block, index), reason: error instanceof Error ? error.message : 'it could not be read' });
    }
  });
  const changesOf = new Map<string, typeof overrides>();
  for (const override of overrides) changesOf.set(override.uid ?? '', [...(changesOf.get(override.uid ?? '') ?? []), override]);
  const items: ImportItem[] = [];
  const unique = uniqueIds();
  for (const master of masters) {
    const changes = master.uid === undefined ? [] : (changesOf.get(master.uid) ?? []);
    changesOf.delete(master.uid ?? '');
    const failed = [master.data, ...changes.map((change) => change.change)].find((outcome) => !outcome.ok);
    if (failed !== undefined && !failed.ok) {
      problems.push({ place: placeOf(master.block, master.index), reason: failed.reason });
      continue;
    }
    if (!master.data.ok) continue;
    const data = master.data.value;
    if (changes.length > 0) data['changes'] = changes.slice(0, 1000).flatMap((change) => (change.change.ok ? [change.change.value] : []));
    const sourceId = unique(master.uid !== undefined ? `uid:${master.uid}` : contentKey([data['summary'], data['start']]));
    items.push({ sourceId, place: placeOf(master.block, master.index), draft: { type: 'event', data } });
  }
  // An override whose series is not in the file (an invitation to one occurrence): an event of its own.
  for (const orphans of changesOf.values()) {
    for (const orphan of orphans) {
      if (!orphan.alone.ok) {
        problems.push({ place: placeOf(orphan.block, orphan.index), reason: orphan.alone.reason });
        continue;
      }
      const { data, recurrence } = orphan.alone.value;
      items.push({ sourceId: unique(`uid:${orphan.uid ?? ''}@${String(recurrence)}`), place: placeOf(orphan.block, orphan.index), draft: { type: 'event', data } });
    }
  }
  return { items, problems };
}

export const icalImporter: Importer = {
  format: 'ical',
  detect(file: ImportFile) {
    if (isBinary(file.bytes)) return false;
    return /\.ics$|\.ical$|\.ifb$/i.test(file.name) || /^\s*BEGIN:(VCALENDAR|VEVENT)\s*$/im.test(new TextDecoder().decode(file.bytes.subarray(0, 4096)));
  },
  read(file: ImportFile) {
    return readCalendar(decodeText(file.bytes, file.name));
  },
};
