import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, PASSPHRASE, initHome, runKith } from './run-kith.ts';

test('kith start runs the node; other commands go through it; kith stop ends it', async (t) => {
  const { home, did } = await initHome(t);
  const daemon = spawn(process.execPath, [CLI, 'start', '--json'], {
    env: { PATH: process.env['PATH'] ?? '', KITH_HOME: home, KITH_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => daemon.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => daemon.on('exit', resolve));
  const first = await new Promise<string>((resolve) => daemon.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
  const started = JSON.parse(first) as { url: string; did: string };
  assert.equal(started.did, did);
  assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/);
  if (process.platform !== 'win32') assert.equal((await stat(join(home, 'daemon.json'))).mode & 0o777, 0o600);

  // The daemon holds the LevelDB lock: these only work because they go through it, and
  // need no passphrase because the daemon's key is unlocked.
  const set = await runKith(home, ['data', 'set', 'email', '{"address":"ana@example.org"}', '--json'], { KITH_PASSPHRASE: '' });
  assert.equal(set.code, 0, set.stderr);
  assert.equal((await runKith(home, ['data', 'list', '--json'])).json<unknown[]>().length, 1);

  const twice = await runKith(home, ['start']);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /already running/);

  const stop = await runKith(home, ['stop']);
  assert.equal(stop.code, 0, stop.stderr);
  assert.equal(await exited, 0);
  await assert.rejects(access(join(home, 'daemon.json')));
  // Back to in-process: the data is there.
  assert.equal((await runKith(home, ['data', 'list', '--json'])).json<unknown[]>().length, 1);
  assert.equal((await runKith(home, ['stop'])).code, 1);
});
