// Focuses a screen's primary control when it appears — unless the person is already
// somewhere (the heading after choosing a section, a field) — and records the first time
// it happens as "first screen interactive" (lib/first-interactive.ts).
import { useEffect, type RefObject } from 'react';
import { markFirstInteractive } from '../lib/first-interactive.ts';

export function usePrimaryFocus(ref: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    // A screen that shows data is usable once the data is there, not before.
    if (!ready) return;
    const element = ref.current;
    const active = document.activeElement;
    if (element === null || (active !== null && active !== document.body)) return;
    element.focus();
    if (document.activeElement === element) markFirstInteractive();
  }, [ref, ready]);
}
