// Small display helpers shared by the screens.
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** did:key:z6Mk…abcd — enough to recognise, short enough for a header. */
export function shortDid(did: string): string {
  return did.length <= 24 ? did : `${did.slice(0, 14)}…${did.slice(-6)}`;
}

/** 12D3KooWRBy9…JsNK9x — as `kith status` shortens a PeerId; the whole one goes in a title. */
export function shortPeerId(peerId: string): string {
  return peerId.length <= 24 ? peerId : `${peerId.slice(0, 12)}…${peerId.slice(-6)}`;
}

/** "1 document", "3 documents". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
