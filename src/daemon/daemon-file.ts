// How a CLI finds the running daemon of a data folder: `daemon.json` beside the locker
// (mode 0600: it holds the bridge token), written when the daemon is ready and removed
// when it stops. A stale file (the process is gone) is ignored and cleaned up.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const daemonFileSchema = z.strictObject({
  pid: z.number().int().positive(),
  url: z.url(),
  token: z.string().min(32).max(128),
});
export type DaemonFile = z.output<typeof daemonFileSchema>;

export function daemonFilePath(home: string): string {
  return join(home, 'daemon.json');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running daemon of `home`, or undefined (no file, a malformed one, or a dead process). */
export async function findDaemon(home: string): Promise<DaemonFile | undefined> {
  const text = await readFile(daemonFilePath(home), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed;
  try {
    parsed = daemonFileSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  if (!alive(parsed.data.pid)) {
    await rm(daemonFilePath(home), { force: true });
    return undefined;
  }
  return parsed.data;
}

export async function writeDaemonFile(home: string, file: DaemonFile): Promise<void> {
  const path = daemonFilePath(home);
  await writeFile(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
  await chmod(path, 0o600); // writeFile's mode applies only when it creates the file
}

export async function removeDaemonFile(home: string, pid: number): Promise<void> {
  const current = await readFile(daemonFilePath(home), 'utf8').catch(() => undefined);
  if (current !== undefined && current.includes(`"pid":${pid},`)) await rm(daemonFilePath(home), { force: true });
}
