// Desktop notifications for what someone else asks of the person (a request for data, an
// offer), driven by a table from node event names to what to show: the node emits
// `request.received` when a contact's request lands in the inbox (src/app/network.ts);
// offers arrive with intents. Adding one is a row here. Events that only say "something changed" (records.changed, log.appended…) are
// for screens to refresh, never for a notification.
import { z } from 'zod';

export interface NotificationSpec {
  readonly title: string;
  readonly body: string;
}

const MAX_FIELD = 120;

/** What a sharing event will carry for display: who, and a one-line summary. */
const incoming = z.object({
  from: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
});

/** A payload's text is someone else's words: one line, bounded. */
function oneLine(text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (flat === '') return fallback;
  return flat.length > MAX_FIELD ? `${flat.slice(0, MAX_FIELD - 1)}…` : flat;
}

type Mapper = (payload: unknown) => NotificationSpec | undefined;

function incomingMapper(title: string, verb: string): Mapper {
  return (payload) => {
    const parsed = incoming.safeParse(payload);
    if (!parsed.success) return undefined;
    const from = oneLine(parsed.data.from, 'Someone');
    const summary = parsed.data.summary === undefined ? '' : `: ${oneLine(parsed.data.summary, '')}`;
    return { title, body: `${from} ${verb}${summary}` };
  };
}

/** Event name → notification. Only events listed here ever notify. */
export const NOTIFYING_EVENTS: Readonly<Record<string, Mapper>> = {
  'request.received': incomingMapper('New request', 'asks for your data'),
  'offer.received': incomingMapper('New offer', 'sent you an offer'),
};

export function notificationFor(event: { readonly name: string; readonly payload: unknown }): NotificationSpec | undefined {
  const mapper = Object.hasOwn(NOTIFYING_EVENTS, event.name) ? NOTIFYING_EVENTS[event.name] : undefined;
  return mapper?.(event.payload);
}

/** Notify only when the person is not looking at Kith already (the UI shows it there). */
export function shouldNotify(window: { isVisible(): boolean; isFocused(): boolean } | undefined): boolean {
  return window === undefined || !window.isVisible() || !window.isFocused();
}
