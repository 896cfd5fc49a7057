// Writing a message: the text with the contract's limit beside it, the message it answers
// (if Reply was chosen), documents attached from Documents, the agreement it is tied to
// (with a vendor), and Send. Ctrl+Enter (⌘+Enter) sends too. What is wrong — an empty or
// too long text, or the node's refusal in words — shows beside the text, which takes the focus.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { MAX_MESSAGE_TEXT, type MessageView } from '../../src/api/methods/conversations.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import type { DocumentData } from '../documents/document-item.tsx';
import { formatBytes } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { AttachDocuments } from './attach-documents.tsx';
import { quoteOf, textCount, textProblem } from './conversation-words.ts';

export interface ComposerProps {
  readonly peer: string;
  readonly peerName: string;
  /** The agreements in force with them (a vendor, or a customer on a vendor node), newest first. */
  readonly agreements: readonly AgreementView[];
  /** The agreement to start from (a vendor's panel chose it, or the thread's newest message). */
  readonly agreementId?: string | undefined;
  readonly replyTo: MessageView | undefined;
  readonly onCancelReply: () => void;
}

interface Attached {
  readonly id: string;
  readonly name: string;
  readonly size: number;
}

export function Composer({ peer, peerName, agreements, agreementId, replyTo, onCancelReply }: ComposerProps) {
  const { client } = useKith();
  const [text, setText] = useState('');
  const [attached, setAttached] = useState<readonly Attached[]>([]);
  // Undefined until the person chooses: then the given one, else the newest (agreements may arrive after the composer).
  const [agreement, setAgreement] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  usePrimaryFocus(field);
  const inForce = (id: string | undefined) => id !== undefined && agreements.some((a) => a.id === id);
  const chosenAgreement = agreement !== undefined ? (agreement === '' || inForce(agreement) ? agreement : '') : inForce(agreementId) ? (agreementId ?? '') : (agreements[0]?.id ?? '');
  const over = text.length > MAX_MESSAGE_TEXT;
  const described = ['composer-count', 'composer-keys', problem === undefined ? '' : 'composer-problem', error === undefined ? '' : 'composer-error'].filter(Boolean).join(' ');

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const found = textProblem(text);
    setError(undefined);
    setProblem(found);
    if (found !== undefined) {
      field.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await client.call('conversations.send', {
        peer,
        text,
        ...(chosenAgreement === '' ? {} : { agreementId: chosenAgreement }),
        ...(replyTo === undefined ? {} : { replyTo: replyTo.id }),
        ...(attached.length === 0 ? {} : { attachments: attached.map((a) => a.id) }),
      });
      setText('');
      setAttached([]);
      onCancelReply();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      field.current?.focus();
    }
  }

  function keys(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  }

  return (
    <form className="composer panel" onSubmit={(e) => void send(e)} noValidate aria-label={`Write to ${peerName}`}>
      {replyTo === undefined ? null : (
        <div className="composer-reply">
          <p>
            Replying to {replyTo.mine ? 'your message' : peerName}: “{quoteOf(replyTo.text, 60)}”
          </p>
          <button type="button" className="quiet small" onClick={onCancelReply}>
            Don’t reply to it
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor="composer-text">Message to {peerName}</label>
        <textarea
          id="composer-text"
          ref={field}
          rows={3}
          className={problem === undefined && error === undefined ? 'control' : 'control invalid'}
          value={text}
          aria-invalid={problem === undefined && error === undefined ? undefined : true}
          aria-describedby={described}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(undefined);
          }}
          onKeyDown={keys}
        />
        <p className={over ? 'field-hint over' : 'field-hint'} id="composer-count">
          {textCount(text)}
        </p>
        <p className="visually-hidden" id="composer-keys">
          Control and Enter sends it.
        </p>
        {problem === undefined ? null : (
          <p className="field-error" id="composer-problem">
            {problem}
          </p>
        )}
        <ErrorNote error={error} id="composer-error" />
      </div>
      {agreements.length === 0 ? null : (
        <div className="field">
          <label htmlFor="composer-agreement">About</label>
          <select id="composer-agreement" className="control" value={chosenAgreement} onChange={(e) => setAgreement(e.target.value)}>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>
                Your agreement for “{a.purpose}”
              </option>
            ))}
            <option value="">No agreement</option>
          </select>
        </div>
      )}
      {attached.length === 0 ? null : (
        <ul className="attachments" aria-label="Documents to attach">
          {attached.map((a) => (
            <li key={a.id} className="attachment">
              <span className="attachment-name">{a.name}</span> <span className="record-meta">· {formatBytes(a.size)}</span>{' '}
              <button type="button" className="quiet small" aria-label={`Remove ${a.name}`} onClick={() => setAttached((all) => all.filter((x) => x.id !== a.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions left">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
        <button type="button" onClick={() => setPicking(true)}>
          Attach documents…
        </button>
      </div>
      {picking ? (
        <AttachDocuments
          peerName={peerName}
          chosen={attached.map((a) => a.id)}
          onClose={() => setPicking(false)}
          onDone={(ids, documents) => {
            setAttached(
              ids.map((id) => {
                const data = documents.find((record) => record.id === id)?.data as DocumentData | undefined;
                return { id, name: data?.name ?? id, size: data?.size ?? 0 };
              }),
            );
            setPicking(false);
          }}
        />
      ) : null}
    </form>
  );
}
