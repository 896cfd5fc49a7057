// One VEVENT (RFC 5545 §3.6.1) as the data of an `event` record, and a RECURRENCE-ID
// override (§3.8.4.4) as a change kept inside its series' record.
import ICAL from 'ical.js';
import { findIana } from 'windows-iana';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

/** The calendar's VTIMEZONEs by TZID. */
export type Zones = ReadonlyMap<string, Timezone>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Known zone names, asked of ICU once each: a DateTimeFormat per event is native memory
 * V8 does not count, and 10,000 of them held hundreds of MB until a late collection.
 */
const zoneNames = new Map<string, boolean>();

function isIana(zone: string): boolean {
  const known = zoneNames.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (zoneNames.size < 1000) zoneNames.set(zone, valid); // bounded: a file cannot grow it without end
  return valid;
}

/**
 * An IANA name for a TZID: itself, or the name at the end of a vendor prefix
 * ("/mozilla.org/20050126_1/Europe/Berlin"), or its VTIMEZONE's X-LIC-LOCATION.
 */
export function ianaZone(tzid: string, zones: Zones): string | undefined {
  if (isIana(tzid)) return tzid;
  const tail = /([A-Za-z_]+\/[A-Za-z_+-]+(\/[A-Za-z_+-]+)?)$/.exec(tzid)?.[1];
  if (tail !== undefined && isIana(tail)) return tail;
  const location = zones.get(tzid)?.component?.getFirstPropertyValue('x-lic-location');
  return typeof location === 'string' && isIana(location) ? location : undefined;
}

/** The IANA zone CLDR maps a Windows zone name to ("W. Europe Standard Time" → Europe/Berlin), if it is one. */
export function windowsZone(tzid: string): string | undefined {
  if (tzid.length > 100) return undefined;
  const iana = findIana(tzid.trim()).find(isIana);
  return iana;
}

export interface EventTime {
  readonly value: string;
  readonly allDay: boolean;
  /** For a local time in a named zone. */
  readonly timeZone?: string;
}

/** A DATE, a UTC or floating DATE-TIME, or a zoned one: kept local with its IANA zone, else placed in UTC by its VTIMEZONE. */
export function timeOf(time: Time, tzid: string | undefined, zones: Zones): EventTime {
  if (time.isDate) return { value: `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`, allDay: true };
  const local = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  if (time.zone === ICAL.Timezone.utcTimezone) return { value: `${local}Z`, allDay: false };
  if (tzid === undefined) return { value: local, allDay: false };
  const iana = ianaZone(tzid, zones);
  if (iana !== undefined) return { value: local, allDay: false, timeZone: iana };
  const zone = zones.get(tzid);
  if (zone === undefined) {
    // Outlook and Exchange often write a Windows zone name with no VTIMEZONE for it; CLDR's
    // windowsZones table (windows-iana) names its IANA zone: the first is the golden zone
    // CLDR lists for the world ("001"), the one Windows means when no country is given.
    const windows = windowsZone(tzid);
    if (windows !== undefined) return { value: local, allDay: false, timeZone: windows };
    throw new Error(`its time zone "${tzid.slice(0, 60)}" is neither a known zone nor defined in the file`);
  }
  const placed = time.clone();
  placed.zone = zone;
  return timeOf(placed.convertToZone(ICAL.Timezone.utcTimezone), undefined, zones);
}

function propTime(event: Component, name: string, zones: Zones): EventTime | undefined {
  const prop = event.getFirstProperty(name);
  if (prop === null) return undefined;
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time)) throw new Error(`its ${name.toUpperCase()} is not a date or time`);
  const tzid = prop.getParameter('tzid');
  return timeOf(value, typeof tzid === 'string' ? tzid : undefined, zones);
}

/** Every value of every RDATE or EXDATE (each may list several; a PERIOD counts by its start). */
function timeList(event: Component, name: string, zones: Zones): string[] {
  const out: string[] = [];
  for (const prop of event.getAllProperties(name)) {
    const tzid = prop.getParameter('tzid');
    for (const value of prop.getValues()) {
      const time = value instanceof ICAL.Period ? value.start : value;
      if (time instanceof ICAL.Time) out.push(timeOf(time, typeof tzid === 'string' ? tzid : undefined, zones).value);
    }
  }
  return out;
}

function textOf(event: Component, name: string, max: number): string | undefined {
  const value = event.getFirstPropertyValue(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

function endOf(event: Component, start: EventTime, zones: Zones): EventTime | undefined {
  const end = propTime(event, 'dtend', zones);
  if (end !== undefined) return end;
  const duration = event.getFirstPropertyValue('duration');
  const startProp = event.getFirstProperty('dtstart');
  const startValue = startProp?.getFirstValue();
  if (!(duration instanceof ICAL.Duration) || !(startValue instanceof ICAL.Time)) return undefined;
  const moved = startValue.clone();
  moved.addDuration(duration);
  const tzid = startProp?.getParameter('tzid');
  const result = timeOf(moved, typeof tzid === 'string' ? tzid : undefined, zones);
  return result.allDay === start.allDay ? result : undefined;
}

function attendees(event: Component): Record<string, string>[] {
  return event.getAllProperties('attendee').slice(0, 500).map((prop) => {
    const address = String(prop.getFirstValue() ?? '').replace(/^mailto:/i, '').trim();
    const name = prop.getParameter('cn');
    const status = prop.getParameter('partstat');
    const out: Record<string, string> = {};
    if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) out['email'] = address.slice(0, 254);
    if (typeof name === 'string' && name.trim() !== '') out['name'] = name.trim().slice(0, 200);
    if (typeof status === 'string' && status !== '') out['status'] = status.toLowerCase().slice(0, 40);
    return out;
  }).filter((attendee) => Object.keys(attendee).length > 0);
}

export function eventData(event: Component, zones: Zones): Record<string, unknown> {
  const start = propTime(event, 'dtstart', zones);
  if (start === undefined) throw new Error('it has no DTSTART');
  const end = endOf(event, start, zones);
  const data: Record<string, unknown> = {
    summary: textOf(event, 'summary', 500) ?? '(no title)',
    start: start.value,
    allDay: start.allDay,
  };
  if (end !== undefined) data['end'] = end.value;
  if (start.timeZone !== undefined) data['timeZone'] = start.timeZone;
  const location = textOf(event, 'location', 500);
  if (location !== undefined) data['location'] = location;
  const description = textOf(event, 'description', 10_000);
  if (description !== undefined) data['description'] = description;
  const rrule = event.getAllProperties('rrule').map((prop) => String(prop.getFirstValue())).slice(0, 10);
  if (rrule.length > 0) data['rrule'] = rrule;
  const rdates = timeList(event, 'rdate', zones).slice(0, 1000);
  if (rdates.length > 0) data['rdates'] = rdates;
  const exdates = timeList(event, 'exdate', zones).slice(0, 1000);
  if (exdates.length > 0) data['exdates'] = exdates;
  const people = attendees(event);
  if (people.length > 0) data['attendees'] = people;
  return data;
}

/** A RECURRENCE-ID override as a change of its series: what differs, or that it was cancelled. */
export function eventChange(event: Component, zones: Zones): Record<string, unknown> {
  const recurrenceId = propTime(event, 'recurrence-id', zones);
  if (recurrenceId === undefined) throw new Error('it has no RECURRENCE-ID');
  const change: Record<string, unknown> = { recurrenceId: recurrenceId.value };
  if (String(event.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') change['cancelled'] = true;
  const summary = textOf(event, 'summary', 500);
  if (summary !== undefined) change['summary'] = summary;
  const start = propTime(event, 'dtstart', zones);
  if (start !== undefined) change['start'] = start.value;
  if (start?.timeZone !== undefined) change['timeZone'] = start.timeZone;
  const end = start === undefined ? undefined : endOf(event, start, zones);
  if (end !== undefined) change['end'] = end.value;
  const location = textOf(event, 'location', 500);
  if (location !== undefined) change['location'] = location;
  return change;
}
