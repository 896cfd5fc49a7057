// Windows installs through Squirrel, which runs the app once with a --squirrel-* flag at
// install, update and uninstall time. The app must then only add or remove its Start menu
// and desktop shortcuts (through Squirrel's Update.exe, one folder up) and exit at once —
// not start a node. This is what the electron-squirrel-startup package does, inline.
import { win32 } from 'node:path';

export interface SquirrelAction {
  /** Update.exe, and its arguments; undefined for the flags that only ask us to exit. */
  readonly run: { readonly command: string; readonly args: readonly string[] } | undefined;
}

export function squirrelAction(argv: readonly string[], execPath: string, platform: NodeJS.Platform): SquirrelAction | undefined {
  if (platform !== 'win32') return undefined;
  const flag = argv[1];
  // Windows paths whatever machine runs this (a test runs it on Linux too).
  const updateExe = win32.resolve(win32.dirname(execPath), '..', 'Update.exe');
  const target = win32.basename(execPath);
  switch (flag) {
    case '--squirrel-install':
    case '--squirrel-updated':
      return { run: { command: updateExe, args: [`--createShortcut=${target}`] } };
    case '--squirrel-uninstall':
      return { run: { command: updateExe, args: [`--removeShortcut=${target}`] } };
    case '--squirrel-obsolete':
      return { run: undefined };
    default:
      return undefined;
  }
}

