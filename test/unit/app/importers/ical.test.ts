import assert from 'node:assert/strict';
import { test } from 'node:test';
import { icalImporter, readCalendar } from '../../../../src/app/importers/ical/ical-importer.ts';
import { fixture } from './fixtures.ts';

const read = (name: string) => icalImporter.read(fixture('ical-js', name), {});

test('a series with its time zone, RDATEs (a PERIOD by its start), EXDATEs, attendees, and its RECURRENCE-ID overrides kept inside it', () => {
  const result = read('recur_instances.ics');
  assert.deepEqual(result.problems, []);
  assert.equal(result.items.length, 1, 'the overrides are not events of their own');
  const event = result.items[0]?.draft.data ?? {};
  assert.equal(result.items[0]?.sourceId, 'uid:623c13c0-6c2b-45d6-a12b-c33ad61c4868');
  assert.equal(event['start'], '2012-10-02T10:00:00');
  assert.equal(event['end'], '2012-10-02T10:30:00');
  assert.equal(event['timeZone'], 'America/Los_Angeles');
  assert.deepEqual(event['rrule'], ['FREQ=MONTHLY;BYDAY=1TU']);
  assert.deepEqual(event['rdates'], ['2023-11-23T09:00:00Z', '2023-11-25T09:00:00Z', '2012-11-05T10:00:00', '2012-11-10T10:00:00', '2012-11-30T10:00:00']);
  assert.deepEqual(event['exdates'], ['2013-04-02T10:00:00', '2012-12-04T10:00:00', '2013-02-05T10:00:00']);
  assert.deepEqual((event['attendees'] as unknown[])[0], { email: 'calmozilla1@gmail.com', name: 'Sahaja Lal', status: 'accepted' });
  const changes = event['changes'] as Record<string, unknown>[];
  assert.deepEqual(changes.map((change) => change['recurrenceId']), ['2012-10-02T10:00:00', '2012-11-05T18:00:00Z']);
});

test('all-day events, DURATION instead of DTEND, several RRULEs, and the other ical.js samples', () => {
  const birthdays = read('google_birthday.ics');
  assert.deepEqual(birthdays.problems, []);
  const first = birthdays.items[0]?.draft.data ?? {};
  assert.equal(first['allDay'], true);
  assert.equal(first['start'], '2014-12-10');
  assert.equal(first['end'], '2014-12-11');
  const duration = read('duration_instead_of_dtend.ics').items[0]?.draft.data ?? {};
  assert.ok(typeof duration['end'] === 'string', 'the end is computed from the duration');
  assert.equal((read('multiple_rrules.ics').items[0]?.draft.data['rrule'] as unknown[]).length, 2);
  for (const name of ['daily_recur.ics', 'day_long_recur_yearly.ics', 'minimal.ics', 'only_dtstart_date.ics', 'rdate_exdate.ics', 'utc_negative_zero.ics', 'forced_types.ics']) {
    const result = read(name);
    assert.deepEqual(result.problems, [], name);
    assert.ok(result.items.length >= 1, name);
  }
  assert.throws(() => read('blank_line_mid.ics'), { code: 'InvalidInput', message: /no events/ }, 'a calendar without events');
});

test('a TZID that is no IANA zone is placed in UTC by its VTIMEZONE', () => {
  const result = read('timezone_from_file.ics');
  assert.deepEqual(result.problems, []);
  const event = result.items[0]?.draft.data ?? {};
  // Nowhere/Middle is defined in the file at UTC-07:41: local 13:42 is 21:23 UTC.
  assert.equal(event['start'], '2023-03-06T21:23:00Z');
  assert.equal(event['end'], '2023-03-06T22:23:00Z');
  assert.equal(event['timeZone'], undefined);
});

const WINDOWS_ZONE = [
  'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
];

test('Outlook: a Windows zone name resolved through its VTIMEZONE; a vendor-prefixed TZID kept as its IANA zone', () => {
  const result = readCalendar(
    ['BEGIN:VCALENDAR', ...WINDOWS_ZONE,
      'BEGIN:VEVENT', 'UID:w1', 'SUMMARY:Summer', 'DTSTART;TZID=W. Europe Standard Time:20260701T100000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:w2', 'SUMMARY:Winter', 'DTSTART;TZID=W. Europe Standard Time:20260105T100000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:m1', 'SUMMARY:Mozilla', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260105T100000', 'END:VEVENT',
      'END:VCALENDAR'].join('\r\n'),
  );
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.items.map((item) => [item.draft.data['start'], item.draft.data['timeZone']]), [
    ['2026-07-01T08:00:00Z', undefined],
    ['2026-01-05T09:00:00Z', undefined],
    ['2026-01-05T10:00:00', 'Europe/Berlin'],
  ]);
});

test('a Windows zone name with no VTIMEZONE in the file is kept as the IANA zone CLDR maps it to', () => {
  const result = readCalendar(
    ['BEGIN:VCALENDAR',
      'BEGIN:VEVENT', 'UID:x1', 'SUMMARY:Standup', 'DTSTART;TZID=W. Europe Standard Time:20260701T100000', 'DTEND;TZID=W. Europe Standard Time:20260701T103000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:x2', 'SUMMARY:Call', 'DTSTART;TZID=Pacific Standard Time:20260105T090000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:x3', 'SUMMARY:Tea', 'DTSTART;TZID=GMT Standard Time:20260105T160000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:x4', 'SUMMARY:Nowhere', 'DTSTART;TZID=Narnia Standard Time:20260105T160000', 'END:VEVENT',
      'END:VCALENDAR'].join('\r\n'),
  );
  assert.deepEqual(result.items.map((item) => [item.draft.data['summary'], item.draft.data['start'], item.draft.data['timeZone']]), [
    ['Standup', '2026-07-01T10:00:00', 'Europe/Berlin'],
    ['Call', '2026-01-05T09:00:00', 'America/Los_Angeles'],
    ['Tea', '2026-01-05T16:00:00', 'Europe/London'],
  ]);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0]?.reason ?? '', /Narnia Standard Time.*neither a known zone nor defined in the file/);
});

test('bare VEVENTs without a VCALENDAR; a broken event reported with its place; an unknown zone is a problem', () => {
  const result = readCalendar(
    ['BEGIN:VEVENT', 'UID:a', 'SUMMARY:One', 'DTSTART:20260301T100000Z', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'SUMMARY:No start', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:c', 'DTSTART;TZID=Atlantis/Deep:20260301T100000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:d', 'SUMMARY:Cancelled once', 'DTSTART;VALUE=DATE:20260302', 'RRULE:FREQ=DAILY', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:d', 'RECURRENCE-ID;VALUE=DATE:20260303', 'STATUS:CANCELLED', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:e', 'SUMMARY:Never ends'].join('\n'),
  );
  assert.deepEqual(result.items.map((item) => item.draft.data['summary']), ['One', 'Cancelled once']);
  assert.deepEqual(result.items[1]?.draft.data['changes'], [{ recurrenceId: '2026-03-03', cancelled: true }]);
  assert.deepEqual(result.problems, [
    { place: 'the block at line 25', reason: 'it never ends (no END line)' },
    { place: 'event 2 (line 6)', reason: 'it has no DTSTART' },
    { place: 'event 3 (line 10)', reason: 'its time zone "Atlantis/Deep" is neither a known zone nor defined in the file' },
  ]);
});

test('an override whose series is not in the file is an event of its own', () => {
  const result = readCalendar(['BEGIN:VEVENT', 'UID:s', 'RECURRENCE-ID:20260303T100000Z', 'DTSTART:20260303T110000Z', 'SUMMARY:Moved', 'END:VEVENT'].join('\n'));
  assert.equal(result.items[0]?.sourceId, 'uid:s@2026-03-03T10:00:00Z');
  assert.equal(result.items[0]?.draft.data['start'], '2026-03-03T11:00:00Z');
});
