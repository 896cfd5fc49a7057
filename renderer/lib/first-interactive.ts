// "First screen interactive" (product.md: fast enough to feel instant): the moment the
// first screen's primary control is enabled and focused, as a performance mark measured
// from the navigation start. The e2e run reads and prints it.
let marked = false;

export const FIRST_INTERACTIVE_MARK = 'kith:first-interactive';

export function markFirstInteractive(): void {
  if (marked) return;
  marked = true;
  performance.mark(FIRST_INTERACTIVE_MARK);
}
