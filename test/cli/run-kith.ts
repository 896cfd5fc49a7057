// Runs the real `kith` CLI in a child process (real disk, real LevelDB), as a person or a
// script would.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeQuickIdentity, writeQuickRestore } from '../support/quick-identity.ts';

// bin/kith.mjs, as a person runs `kith`, and the quickest start (see its comment).
export const CLI = join(import.meta.dirname, '..', '..', 'bin', 'kith.mjs');
export const PASSPHRASE = 'correct horse battery staple';

export interface KithRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

export function runKith(home: string, args: readonly string[], env: Record<string, string> = {}): Promise<KithRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', KITH_HOME: home, KITH_PASSPHRASE: PASSPHRASE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json<T>() {
          return JSON.parse(stdout) as T;
        },
      }),
    );
  });
}

export async function tempHome(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'kith-cli-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  return home;
}

/** A fresh home with an identity (written at a test's scrypt cost); returns its did and recovery phrase. */
export async function initHome(t: { after(fn: () => Promise<void>): void }) {
  const home = await tempHome(t);
  return { home, ...(await writeQuickIdentity(home, PASSPHRASE)) };
}

/** `home` given the identity of `recoveryPhrase` (as `kith restore` would, at a test's scrypt cost). */
export async function restoreHome(home: string, recoveryPhrase: string): Promise<void> {
  await writeQuickRestore(home, PASSPHRASE, recoveryPhrase);
}
