// Whether a new message deserves a desktop notification: only with the person's permission,
// and never for the conversation they are reading right now (the thread shows it already).
// A hidden or unfocused window is not "reading": then it is notified too.
/** The Notification API's permission, spelt out (the root tsconfig has no DOM types), or no API at all. */
export type Permission = 'default' | 'denied' | 'granted' | 'unsupported';

export interface NotifyContext {
  readonly permission: Permission;
  /** The peer of the thread on screen, if one is. */
  readonly onScreen: string | undefined;
  /** Whether the window is visible and focused. */
  readonly attending: boolean;
}

export function shouldNotify(peer: string, context: NotifyContext): boolean {
  if (context.permission !== 'granted') return false;
  return !(context.attending && context.onScreen === peer);
}

/** What the Conversations screen offers about notifications, given the browser's answer so far. */
export function permissionOffer(permission: Permission): 'ask' | 'blocked' | 'none' {
  if (permission === 'default') return 'ask';
  if (permission === 'denied') return 'blocked';
  return 'none';
}
