// The bridge token in browser mode. `kith start` prints a URL whose fragment carries it
// (#token=…): fragments are never sent to a server or written to its logs. We take it
// out of the address bar at once (so it is not bookmarked, shared or left in history)
// and keep it in sessionStorage, which lives only as long as this tab — a reload works,
// a new tab needs the link again.
const KEY = 'kith.token';

export function takeToken(): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(KEY, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
