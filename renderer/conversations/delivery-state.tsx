// A message's delivery state as an icon and in words: one tick sent, two delivered, two
// filled read (plain SVG, drawn in the text colour; the words carry the meaning too).
import type { MessageStatus } from '../../src/api/methods/conversations.ts';
import { STATUS_WORDS } from './conversation-words.ts';

const TICK = 'M1.5 8.5 4.5 11.5 10.5 4.5';
const SECOND = 'M6.5 11.5 7.5 11.5 13.5 4.5';

export function DeliveryState({ status }: { status: MessageStatus }) {
  const words = STATUS_WORDS[status];
  return (
    <span className={`delivery ${status}`} title={words.explain}>
      <svg viewBox="0 0 15 15" width="15" height="15" aria-hidden="true" focusable="false">
        {status === 'read' ? <circle cx="7.5" cy="7.5" r="7.5" className="delivery-disc" /> : null}
        <path d={TICK} fill="none" strokeWidth="1.6" className="delivery-tick" />
        {status === 'sent' ? null : <path d={SECOND} fill="none" strokeWidth="1.6" className="delivery-tick" />}
      </svg>{' '}
      {words.label}
    </span>
  );
}
