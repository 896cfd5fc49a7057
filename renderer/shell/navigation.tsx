// Moving to another section from inside a screen (such as the Inbox's "see everything
// shared with you"), the same way the navigation does: the new screen's heading gets the
// focus, so keyboard and screen-reader users land at its start.
import { createContext, useContext } from 'react';

export type Navigate = (section: string) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}

let headingWanted = false;

/**
 * After the new screen has rendered, puts the focus on its heading. A screen loaded on
 * demand (shell/main-area.tsx) may mount a frame later: it takes the focus as it mounts.
 */
export function focusScreenHeading(): void {
  // The frame may still show the old screen (the new one is loading): that one's heading
  // takes the focus now, and the new screen takes it again as it mounts.
  headingWanted = true;
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus());
}

/** Whether a screen mounting now should take the focus (asked by components/screen.tsx); asks once. */
export function takeHeadingFocus(): boolean {
  const wanted = headingWanted;
  headingWanted = false;
  return wanted;
}
