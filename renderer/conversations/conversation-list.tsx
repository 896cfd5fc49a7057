// The list of conversations, newest first: the other person's name, how many messages are
// unread, and the newest message with its time and (mine) delivery state. Each name opens
// its thread. Shared by Conversations and the vendor console's Customer messages.
import type { ConversationView } from '../../src/api/methods/conversations.ts';
import { formatTime } from '../lib/format.ts';
import { lastLine, unreadWords } from './conversation-words.ts';
import { DeliveryState } from './delivery-state.tsx';

export interface ConversationListProps {
  readonly conversations: readonly ConversationView[];
  readonly onOpen: (conversation: ConversationView) => void;
  readonly label: string;
}

export function ConversationList({ conversations, onOpen, label }: ConversationListProps) {
  return (
    <ul className="conversation-list" aria-label={label}>
      {conversations.map((conversation) => (
        <li key={conversation.peer} className={conversation.unread > 0 ? 'conversation unread' : 'conversation'}>
          <div className="conversation-main">
            <button type="button" className="link conversation-name" onClick={() => onOpen(conversation)} aria-label={`Open the conversation with ${conversation.peerName}${conversation.unread > 0 ? `, ${unreadWords(conversation.unread)}` : ''}`}>
              {conversation.peerName}
            </button>
            {conversation.kind === 'vendor' ? <span className="badge">vendor</span> : null}
            {conversation.unread > 0 ? (
              <span className="unread-count" aria-hidden="true">
                {unreadWords(conversation.unread)}
              </span>
            ) : null}
          </div>
          <p className="conversation-last">{lastLine(conversation)}</p>
          {conversation.last === undefined ? null : (
            <p className="record-meta">
              {formatTime(conversation.last.time)}
              {conversation.last.mine ? (
                <>
                  {' · '}
                  <DeliveryState status={conversation.last.status} />
                </>
              ) : null}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
