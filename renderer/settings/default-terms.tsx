// Settings → the terms sharing starts from: the presets and the clause in the owner's words
// that the Share dialog and the Inbox's approve flow preselect. Saved in the locker (signed,
// logged, exported with everything else); they stay editable in every dialog.
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { formatTime } from '../lib/format.ts';
import { choicesFrom, termsFrom, type TermChoices, type TermProblems } from '../sharing/share-terms.ts';
import { TermsFieldset } from '../sharing/terms-fieldset.tsx';
import { useSettings } from '../sharing/use-default-terms.ts';
import { useKith } from '../state/kith-context.tsx';

export function DefaultTerms() {
  const { client } = useKith();
  const settings = useSettings();
  // The form follows what is saved until the person changes something.
  const [edited, setEdited] = useState<TermChoices>();
  const [problems, setProblems] = useState<TermProblems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const saved = settings.data;
  const choices = edited ?? (saved === undefined ? undefined : choicesFrom(saved.defaultTerms));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (choices === undefined) return;
    setError(undefined);
    setStatus('');
    const terms = termsFrom(choices);
    if ('problems' in terms) {
      setProblems(terms.problems);
      const first = (['deleteAfterDays', 'breachHours', 'clause'] as const).find((key) => terms.problems[key] !== undefined);
      if (first !== undefined) document.getElementById(`defaults-${first}`)?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      await client.call('settings.set', { defaultTerms: terms });
      setEdited(undefined);
      setStatus('Saved. Sharing and approving requests now start from these terms.');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="default-terms-title">
      <h2 id="default-terms-title">Your default terms</h2>
      <p>
        The terms you ask for every time. They are ticked for you when you share a record or approve a request, and you can still change them there.
        {saved === undefined ? null : saved.updated === undefined ? " Until you save your own, these are Kith's suggestions." : ` You last changed them ${formatTime(saved.updated)}.`}
      </p>
      <ErrorNote error={settings.error} />
      {choices === undefined ? (
        settings.error === undefined ? (
          <p className="loading">Loading your default terms…</p>
        ) : null
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate>
          <TermsFieldset
            idPrefix="defaults"
            legend="Terms to start from"
            choices={choices}
            problems={problems}
            onChange={(next, changed) => {
              setEdited(next);
              setStatus('');
              if (changed !== undefined) setProblems((all) => ({ ...all, [changed]: undefined }));
            }}
          />
          <ErrorNote error={error} />
          <div className="actions left">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save default terms'}
            </button>
            {edited === undefined ? null : (
              <button type="button" onClick={() => setEdited(undefined)}>
                Undo changes
              </button>
            )}
          </div>
        </form>
      )}
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}
