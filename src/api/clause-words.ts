// Each term clause in the words both sides see: the person when proposing it, the vendor's
// console when showing what was signed. Portable (the renderer uses it), and tolerant: a
// clause a newer node wrote is named by its id, never dropped.

/** One clause in words. */
export function clauseWords(clause: unknown): string {
  if (typeof clause === 'string') return clause;
  if (typeof clause !== 'object' || clause === null) return String(clause);
  const c = clause as Record<string, unknown>;
  switch (c['id']) {
    case 'delivery-only':
      return 'Use only to deliver what I asked for.';
    case 'no-tracking':
      return 'No tracking or profiling.';
    case 'no-onward-sharing':
      return 'No onward sharing or sale.';
    case 'delete-on-revocation':
      return 'Delete it when I revoke access.';
    case 'breach-notice':
      return `Tell me within ${String(c['hours'])} hours of any breach.`;
    case 'delete-after':
      return `Delete it after ${String(c['days'])} days.`;
    case 'custom':
      return typeof c['text'] === 'string' ? c['text'] : 'A clause in their own words.';
    default:
      return typeof c['id'] === 'string' ? `A clause this app does not know (${c['id']}).` : 'A clause this app cannot read.';
  }
}
