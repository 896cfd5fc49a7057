// One message in a thread: who wrote it and when, what it answers (a link to that
// message), its text, its attachments, the agreement it is tied to, its delivery state (my
// own messages), and Reply. A gap in the sender's numbering before it is said in words.
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import type { MessageView } from '../../src/api/methods/conversations.ts';
import { count, formatTime } from '../lib/format.ts';
import { AttachmentItem } from './attachment-item.tsx';
import { agreementWords, quoteOf, replyWords } from './conversation-words.ts';
import { DeliveryState } from './delivery-state.tsx';

export interface MessageItemProps {
  readonly message: MessageView;
  /** The whole thread, to find what a reply answers. */
  readonly messages: readonly MessageView[];
  readonly peerName: string;
  readonly agreements: readonly AgreementView[] | undefined;
  /** How many of the sender's messages are missing before this one (0: none). */
  readonly missingBefore: number;
  readonly onReply: () => void;
}

/** The element id of a message, so a reply can point at what it answers. */
export function messageElementId(id: string): string {
  return `message-${id}`;
}

function focusMessage(id: string): void {
  const element = document.getElementById(messageElementId(id));
  element?.scrollIntoView({ block: 'center' });
  element?.focus();
}

export function MessageItem({ message, messages, peerName, agreements, missingBefore, onReply }: MessageItemProps) {
  const author = message.mine ? 'You' : peerName;
  const answers = message.replyTo;
  return (
    <li className={message.mine ? 'message mine' : 'message theirs'} id={messageElementId(message.id)} tabIndex={-1} aria-label={`${author}, ${formatTime(message.time)}`}>
      {missingBefore === 0 ? null : (
        <p className="message-gap">
          {count(missingBefore, 'earlier message')} from {author === 'You' ? 'you' : peerName} {missingBefore === 1 ? 'has' : 'have'} not arrived yet.
        </p>
      )}
      <p className="message-head">
        <strong>{author}</strong> <span className="record-meta">{formatTime(message.time)}</span>
      </p>
      {answers === undefined ? null : (
        <p className="message-quote">
          {messages.some((m) => m.id === answers) ? (
            <button type="button" className="link" onClick={() => focusMessage(answers)}>
              {replyWords(messages, answers, peerName)}
            </button>
          ) : (
            replyWords(messages, answers, peerName)
          )}
        </p>
      )}
      <p className="message-text">{message.text}</p>
      {message.attachments.length === 0 ? null : (
        <ul className="attachments" aria-label="Attached documents">
          {message.attachments.map((attachment) => (
            <AttachmentItem key={attachment.id} attachment={attachment} mine={message.mine} />
          ))}
        </ul>
      )}
      <p className="message-foot">
        {message.agreementId === undefined ? null : <span className="record-meta">
            Under {agreementWords(agreements, message.agreementId)}
            {message.mine ? ' · ' : ''}
          </span>}
        {message.mine ? <DeliveryState status={message.status} /> : null}
        <button type="button" className="quiet small" onClick={onReply} aria-label={`Reply to ${author}: ${quoteOf(message.text, 40)}`}>
          Reply
        </button>
      </p>
    </li>
  );
}
