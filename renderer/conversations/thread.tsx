// One conversation: its messages oldest first, each with its delivery state, attachments
// and what it answers; the agreement it is tied to; and the composer. Opening it marks it
// read (conversations.markRead, which sends read receipts unless they are off in Settings),
// and so does every message that arrives while it is open and the window is in view.
// Live: it follows `conversations.changed` for this peer.
import { useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../src/api/methods/conversations.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { KeyText } from '../components/key-text.tsx';
import { Screen } from '../components/screen.tsx';
import { useKith, type UiEvent } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { Composer } from './composer.tsx';
import { agreementsWith, agreementWords, sequenceGaps } from './conversation-words.ts';
import { MessageItem } from './message-item.tsx';
import { setOnScreen } from './open-conversation.ts';
import { useInView } from './use-in-view.ts';

export interface ThreadProps {
  readonly peer: string;
  readonly agreementId?: string | undefined;
  readonly backLabel: string;
  readonly onBack: () => void;
}

export function Thread({ peer, agreementId, backLabel, onBack }: ThreadProps) {
  const { client } = useKith();
  const about = (event: UiEvent) => event.name === 'conversations.changed' && event.payload.peer === peer;
  const messages = useQuery(() => client.call('conversations.thread', { peer }), [peer], about);
  const list = useQuery(() => client.call('conversations.list', {}), [], (event) => event.name === 'conversations.changed' || event.name === 'contacts.changed');
  const contacts = useQuery(() => client.call('contacts.list', {}), [], (event) => event.name === 'contacts.changed');
  const agreements = useQuery(() => client.call('agreements.list', {}), [], (event) => event.name === 'agreements.changed');
  const [replyTo, setReplyTo] = useState<MessageView>();
  const [readError, setReadError] = useState<unknown>();
  const inView = useInView();

  const conversation = list.data?.find((c) => c.peer === peer);
  const contact = contacts.data?.find((c) => c.did === peer);
  const peerName = conversation?.peerName ?? contact?.petname ?? 'this contact';
  const unread = conversation?.unread ?? 0;
  const thread = messages.data ?? [];
  const gaps = sequenceGaps(thread);
  const choosable = agreementsWith(agreements.data, peer);
  const newestAgreement = [...thread].reverse().find((m) => m.agreementId !== undefined)?.agreementId;
  const tiedTo = agreementId ?? conversation?.agreementId ?? newestAgreement;

  useEffect(() => {
    setOnScreen(peer);
    return () => setOnScreen(undefined);
  }, [peer]);

  // Read only what the person can see: not while the window is hidden or in the background.
  const marking = useRef(false);
  useEffect(() => {
    if (unread === 0 || !inView || marking.current) return;
    marking.current = true;
    setReadError(undefined);
    client
      .call('conversations.markRead', { peer })
      .catch(setReadError)
      .finally(() => (marking.current = false));
  }, [unread, inView, peer, client]);

  return (
    <Screen
      title={`Conversation with ${peerName}`}
      intro={
        <>
          <KeyText value={peer} label="DID" />
          {tiedTo === undefined ? null : <> · about {agreementWords(agreements.data, tiedTo)}</>}
        </>
      }
      actions={
        <div className="actions left">
          <button type="button" onClick={onBack}>
            ← {backLabel}
          </button>
        </div>
      }
    >
      <ErrorNote error={messages.error ?? list.error ?? readError} />
      {contact?.blocked === true ? <p className="note">You blocked {peerName}: they cannot write to you, and you cannot write to them until you unblock them under People &amp; circles.</p> : null}
      {messages.data === undefined ? (
        messages.error === undefined ? (
          <p className="loading">Loading the conversation…</p>
        ) : null
      ) : thread.length === 0 ? (
        <EmptyState title="No messages yet">
          <p>Write the first one below. Only {peerName}&apos;s node gets it, straight from yours; if they are offline it waits and goes when they are back.</p>
        </EmptyState>
      ) : (
        <ol className="messages" aria-label={`Messages with ${peerName}, oldest first`}>
          {thread.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              messages={thread}
              peerName={peerName}
              agreements={agreements.data}
              missingBefore={gaps.get(message.id) ?? 0}
              onReply={() => {
                setReplyTo(message);
                document.getElementById('composer-text')?.focus();
              }}
            />
          ))}
        </ol>
      )}
      {contact?.blocked === true ? null : (
        <Composer key={peer} peer={peer} peerName={peerName} agreements={choosable} agreementId={tiedTo} replyTo={replyTo} onCancelReply={() => setReplyTo(undefined)} />
      )}
    </Screen>
  );
}
