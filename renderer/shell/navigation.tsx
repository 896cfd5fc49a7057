// Moving to another section from inside a screen (such as the Inbox's "see everything
// shared with you"), the same way the navigation does: the new screen's heading gets the
// focus, so keyboard and screen-reader users land at its start.
import { createContext, useContext } from 'react';

export type Navigate = (section: string) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}

/** After the new screen has rendered, puts the focus on its heading. */
export function focusScreenHeading(): void {
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus());
}
