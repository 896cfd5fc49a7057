// The generic worker pool: answers in order across lanes, lazy start, a crashed or exited
// worker failing only its own tasks and being replaced, idle workers stopped, close, and
// never holding a process open.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { MAX_LANES, WorkerPool, type WorkerPoolOptions } from '../../../src/base/worker-pool.ts';

// CommonJS, evaluated: each task is echoed with the thread that answered it, unless it asks
// the worker to throw, exit or stay busy for a while first.
const WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (task) => {
  if (task.crash) throw new Error('boom');
  if (task.exit) process.exit(3);
  const until = Date.now() + (task.busy ?? 0);
  while (Date.now() < until);
  parentPort.postMessage({ n: task.n, thread: threadId });
});`;

interface Task {
  n?: number;
  crash?: boolean;
  exit?: boolean;
  busy?: number;
  f?: () => void;
}
interface Answer {
  n: number;
  thread: number;
}

/** A pool of eval'd workers that counts how many were started and how many have exited. */
function poolFor(t: TestContext, options: Partial<WorkerPoolOptions> = {}) {
  const counts = { started: 0, exited: 0 };
  const pool = new WorkerPool<Task, Answer>({
    lanes: 2,
    start: () => {
      counts.started++;
      const worker = new Worker(WORKER, { eval: true });
      worker.on('exit', () => counts.exited++);
      return worker;
    },
    ...options,
  });
  t.after(() => pool.close());
  return { pool, counts };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('answers every task with its own result, spreads a burst over the lanes, and starts workers only when used', async (t) => {
  const { pool, counts } = poolFor(t);
  assert.equal(counts.started, 0, 'nothing started before the first task');
  const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => pool.run({ n })));
  assert.deepEqual(answers.map((a) => a.n), Array.from({ length: 20 }, (_, n) => n));
  assert.equal(new Set(answers.map((a) => a.thread)).size, 2, 'both lanes used');
  assert.equal(counts.started, 2);
  await pool.run({ n: 99 });
  assert.equal(counts.started, 2, 'workers are kept between tasks');
});

test('lanes are kept between one and MAX_LANES', (t) => {
  assert.equal(poolFor(t, { lanes: 64 }).pool.lanes, MAX_LANES);
  assert.equal(poolFor(t, { lanes: 0 }).pool.lanes, 1);
  assert.equal(poolFor(t, { lanes: Number.NaN }).pool.lanes, 1);
});

test('a worker that crashes fails the tasks waiting on it with Internal, and the next task gets a new worker', async (t) => {
  const { pool, counts } = poolFor(t, { lanes: 1 });
  const crashed = assert.rejects(pool.run({ crash: true }), { code: 'Internal' });
  const queuedBehind = assert.rejects(pool.run({ n: 1 }), { code: 'Internal' });
  await Promise.all([crashed, queuedBehind]);
  assert.equal((await pool.run({ n: 2 })).n, 2);
  assert.equal(counts.started, 2);
});

test('a worker that exits without answering fails its tasks, and is replaced', async (t) => {
  const { pool, counts } = poolFor(t, { lanes: 1 });
  await assert.rejects(pool.run({ exit: true }), { code: 'Internal' });
  assert.equal((await pool.run({ n: 3 })).n, 3);
  assert.equal(counts.started, 2);
});

test('a crash fails only the tasks of its own lane', async (t) => {
  const { pool } = poolFor(t, { lanes: 2 });
  const [crashed, other] = await Promise.allSettled([pool.run({ crash: true }), pool.run({ n: 4, busy: 20 })]);
  assert.equal(crashed.status, 'rejected');
  assert.deepEqual(other.status === 'fulfilled' ? other.value.n : other.reason, 4);
});

test('a task that cannot be sent is refused by itself; the pool goes on', async (t) => {
  const { pool } = poolFor(t, { lanes: 1 });
  await assert.rejects(pool.run({ f: () => undefined }), { code: 'Internal' });
  assert.equal((await pool.run({ n: 5 })).n, 5);
});

test('an idle worker is stopped, and a new one started for the next task', async (t) => {
  const { pool, counts } = poolFor(t, { lanes: 1, idleMs: 30 });
  await pool.run({ n: 6 });
  await sleep(300);
  assert.equal(counts.exited, 1, 'stopped after the idle time');
  assert.equal((await pool.run({ n: 7 })).n, 7);
  assert.equal(counts.started, 2);
});

test('close stops every worker, fails what was waiting, and refuses later tasks', async (t) => {
  const { pool, counts } = poolFor(t, { lanes: 2 });
  await Promise.all([pool.run({ n: 1 }), pool.run({ n: 2 })]);
  const waiting = assert.rejects(pool.run({ n: 8, busy: 500 }), { code: 'Internal' });
  await pool.close();
  await waiting;
  await assert.rejects(pool.run({ n: 9 }), { code: 'Internal' });
  assert.equal(counts.exited, 2);
});

test('a pool that is used and never closed does not keep the process alive', async () => {
  const pool = new URL('../../../src/base/worker-pool.ts', import.meta.url).href;
  const script = `
    import { Worker } from 'node:worker_threads';
    import { WorkerPool } from ${JSON.stringify(pool)};
    const pool = new WorkerPool({ lanes: 2, start: () => new Worker(${JSON.stringify(WORKER)}, { eval: true, execArgv: [] }) });
    const answers = await Promise.all([pool.run({ n: 1 }), pool.run({ n: 2, busy: 50 })]);
    console.log(answers.map((a) => a.n).join(','));`;
  const started = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
  assert.equal(stdout.trim(), '1,2', 'a busy worker held the process until it answered');
  assert.ok(Date.now() - started < 15_000, 'exited without waiting for the idle time');
});
