// Desktop settings, kept in the data folder beside the locker (so they move with it and
// a second data folder has its own): desktop.json. Read from disk, so parsed, never
// trusted: an unreadable or malformed file means the defaults.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from './private-file.ts';

export const settingsSchema = z.strictObject({
  /** Closing the window keeps the node running in the tray (reachable by peers). */
  closeToTray: z.boolean(),
});

export type DesktopSettings = z.output<typeof settingsSchema>;

export function settingsFile(home: string): string {
  return join(home, 'desktop.json');
}

/**
 * On by default where a tray icon is always visible (Windows, macOS). Many Linux desktops
 * hide tray icons (GNOME without an extension), where a closed window would leave a node
 * running that the person cannot see: off by default there.
 */
export function defaultSettings(platform: NodeJS.Platform = process.platform): DesktopSettings {
  return { closeToTray: platform !== 'linux' };
}

export async function loadSettings(home: string, platform: NodeJS.Platform = process.platform): Promise<DesktopSettings> {
  const defaults = defaultSettings(platform);
  try {
    const parsed = settingsSchema.partial().safeParse(JSON.parse(await readFile(settingsFile(home), 'utf8')));
    return parsed.success ? { ...defaults, ...parsed.data } : defaults;
  } catch {
    return defaults;
  }
}

export async function saveSettings(home: string, settings: DesktopSettings): Promise<void> {
  await writePrivateFile(settingsFile(home), JSON.stringify(settingsSchema.parse(settings), null, 2) + '\n');
}
