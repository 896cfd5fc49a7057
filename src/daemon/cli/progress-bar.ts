// A progress bar on a terminal for long commands (an import): one line redrawn in place
// with a carriage return, at most every 100 ms, and erased when the command ends, so
// what stays on the screen is the command's own answer. Only for a terminal: with
// --json or a pipe the caller makes none, and the output stays exactly the answer.
import type { EventPayload } from '../../api/contract.ts';

export interface Terminal {
  /** 0 or absent when the terminal does not say (a pseudo-terminal without a size): 80 is assumed. */
  readonly columns?: number;
  write(text: string): unknown;
}

type Progress = EventPayload<'import.progress'>;

const PHASES: Record<Progress['phase'], string> = { reading: 'Reading', checking: 'Checking', writing: 'Writing', undoing: 'Undoing' };
const REDRAW_MS = 100;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The bar's line for one progress event, at most `width` characters. */
export function progressLine(progress: Progress, width: number): string {
  const fraction = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
  const counts = progress.phase === 'reading' ? `${megabytes(progress.done)} of ${megabytes(progress.total)}` : `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`;
  const label = PHASES[progress.phase].padEnd(8);
  const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)}%  ${counts}`;
  const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 3));
  const filled = Math.round(fraction * barWidth);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${tail}`.slice(0, Math.max(1, width - 1));
}

export interface ProgressBar {
  update(progress: Progress): void;
  /** Erases the bar (before the answer is printed). */
  clear(): void;
}

export function progressBar(terminal: Terminal, now: () => number = Date.now): ProgressBar {
  let drawn = false;
  let last = -Infinity;
  let phase: Progress['phase'] | undefined;
  return {
    update(progress) {
      const at = now();
      if (progress.phase === phase && progress.done < progress.total && at - last < REDRAW_MS) return;
      last = at;
      phase = progress.phase;
      terminal.write(`\r\x1b[2K${progressLine(progress, terminal.columns || 80)}`);
      drawn = true;
    },
    clear() {
      if (drawn) terminal.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
