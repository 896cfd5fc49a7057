// Activity grouped by day, in the reader's own time zone: "Today", "Yesterday", else the
// date. Portable: the UI's Activity and `kith log` group the same way.

export interface DayGroup<T> {
  /** YYYY-MM-DD in local time: a stable key. */
  readonly day: string;
  /** "Today", "Yesterday", "Monday 7 December 2026". */
  readonly label: string;
  readonly items: readonly T[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dayLabel(day: string, now = new Date()): string {
  if (day === localDay(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (day === localDay(yesterday)) return 'Yesterday';
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  // Spelled out here rather than by Intl, whose punctuation differs between ICU versions
  // (Node, Electron and Chromium would label the same day differently).
  return `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** Consecutive items of the same local day, in the order given. */
export function groupByDay<T extends { readonly time: string }>(items: readonly T[], now = new Date()): DayGroup<T>[] {
  const groups: { day: string; label: string; items: T[] }[] = [];
  for (const item of items) {
    const day = localDay(new Date(item.time));
    const last = groups[groups.length - 1];
    if (last !== undefined && last.day === day) last.items.push(item);
    else groups.push({ day, label: dayLabel(day, now), items: [item] });
  }
  return groups;
}

/** "14:05" in local time. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
