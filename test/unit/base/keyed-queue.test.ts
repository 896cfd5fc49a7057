import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedQueue } from '../../../src/base/keyed-queue.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('work for one key runs one at a time, in order; other keys run alongside; failures stay with their caller', async () => {
  const queue = new KeyedQueue();
  const log: string[] = [];
  let releaseFirst: () => void = () => undefined;
  const first = queue.run('a', async () => {
    log.push('a1 start');
    await new Promise<void>((resolve) => (releaseFirst = resolve));
    log.push('a1 end');
    return 1;
  });
  const failing = queue.run('a', async () => {
    log.push('a2');
    throw new Error('boom');
  });
  const third = queue.run('a', async () => {
    log.push('a3');
    return 3;
  });
  const other = queue.run('b', async () => {
    log.push('b1');
    return 'b';
  });
  await tick();
  assert.deepEqual(log, ['a1 start', 'b1'], 'b does not wait for a; a2 waits for a1');
  releaseFirst();
  assert.equal(await first, 1);
  await assert.rejects(failing, /boom/);
  assert.equal(await third, 3);
  assert.equal(await other, 'b');
  assert.deepEqual(log, ['a1 start', 'b1', 'a1 end', 'a2', 'a3']);
  await tick();
  assert.equal(queue.size, 0, 'finished keys are forgotten');
});
