import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar, progressLine } from '../../../../src/daemon/cli/progress-bar.ts';

test('progress line: phase, bar, percent and counts (bytes while reading), never wider than the terminal', () => {
  assert.equal(progressLine({ id: 'x', phase: 'writing', done: 2500, total: 10_000 }, 80), `Writing  [${'#'.repeat(10)}${'.'.repeat(30)}]  25%  2,500 of 10,000`);
  assert.match(progressLine({ id: 'x', phase: 'reading', done: 5 * 1024 * 1024, total: 10 * 1024 * 1024 }, 80), /^Reading  \[#+\.+\]  50%  5\.0 MB of 10\.0 MB$/);
  assert.match(progressLine({ id: 'x', phase: 'checking', done: 0, total: 0 }, 80), /100%/, 'an empty phase is complete, not NaN');
  for (const width of [20, 40, 200]) assert.ok(progressLine({ id: 'x', phase: 'undoing', done: 1, total: 3 }, width).length < width);
});

test('progress bar: redrawn in place at most every 100 ms (phase changes and the end always), erased at the end', () => {
  const written: string[] = [];
  let now = 0;
  const bar = progressBar({ columns: 60, write: (text: string) => written.push(text) }, () => now);
  bar.clear();
  assert.deepEqual(written, [], 'nothing to erase before anything was drawn');
  bar.update({ id: 'x', phase: 'writing', done: 0, total: 100 });
  now += 10;
  bar.update({ id: 'x', phase: 'writing', done: 10, total: 100 });
  now += 200;
  bar.update({ id: 'x', phase: 'writing', done: 50, total: 100 });
  now += 1;
  bar.update({ id: 'x', phase: 'writing', done: 100, total: 100 });
  assert.equal(written.length, 3);
  assert.ok(written.every((text: string) => text.startsWith('\r\x1b[2KWriting')));
  bar.clear();
  assert.equal(written.at(-1), '\r\x1b[2K');
});
