// Export everything as one signed bundle (optionally encrypted under a passphrase of its
// own), or import one into this (empty) locker; an encrypted bundle asks for its passphrase.
import { useId, useState } from 'react';
import { isKithError } from '../../src/base/errors.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { count } from '../lib/format.ts';
import { passphraseProblems } from '../onboarding/passphrase-rules.ts';
import { useKith } from '../state/kith-context.tsx';

export function Backup() {
  const { files } = useKith();
  const [busy, setBusy] = useState<'export' | 'import'>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const [encrypt, setEncrypt] = useState(false);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problems, setProblems] = useState<{ first?: string; second?: string }>({});
  // An encrypted bundle picked for import, waiting for its passphrase.
  const [locked, setLocked] = useState<File>();
  const [bundlePassphrase, setBundlePassphrase] = useState('');
  const importId = useId();

  async function run(what: 'export' | 'import', action: () => Promise<string>) {
    setBusy(what);
    setError(undefined);
    setStatus('');
    try {
      setStatus(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  const exportAll = () => {
    if (encrypt) {
      const found = passphraseProblems(first, second);
      setProblems(found);
      if (found.first !== undefined || found.second !== undefined) {
        document.getElementById(found.first !== undefined ? 'bundle-passphrase' : 'bundle-passphrase-2')?.focus();
        return;
      }
    }
    void run('export', async () => {
      const outcome = await files.exportBundle(encrypt ? { passphrase: first } : {});
      if (!outcome.saved) return '';
      const counts = outcome.summary === undefined ? '' : ` (${count(outcome.summary.records, 'record')}, ${count(outcome.summary.documents, 'document')})`;
      return `Exported everything${counts}${encrypt ? ', encrypted,' : ''} to ${outcome.where ?? 'the chosen place'}.${encrypt ? ' Keep the passphrase: without it the bundle cannot be opened.' : ''}`;
    });
  };

  const importFile = (file: File, passphrase?: string) =>
    run('import', async () => {
      try {
        const summary = await files.importBundle(file, passphrase);
        setLocked(undefined);
        setBundlePassphrase('');
        return `Imported ${file.name}: ${count(summary.records, 'record')}, ${count(summary.documents, 'document')} and ${count(summary.auditEntries, 'activity entry').replace(/entrys$/, 'entries')}.`;
      } catch (caught) {
        // An encrypted bundle: ask for its passphrase (a first try without one is not an error).
        if (isKithError(caught) && caught.code === 'WrongPassphrase') {
          setLocked(file);
          if (passphrase === undefined) return '';
        }
        throw caught;
      }
    });

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup and moving</h2>
      <p>An export holds all your records, their history, your documents and your activity, signed by you. Keep it somewhere safe: it is your data.</p>
      <label className="check">
        <input type="checkbox" checked={encrypt} disabled={busy !== undefined} onChange={(e) => setEncrypt(e.target.checked)} />
        Encrypt it with a passphrase (for a copy on a shared drive or in a cloud folder)
      </label>
      {encrypt ? (
        <>
          <Field id="bundle-passphrase" label="Passphrase for this export" type="password" autoComplete="new-password" required value={first} onValue={setFirst} error={problems.first} />
          <Field id="bundle-passphrase-2" label="The same passphrase again" type="password" autoComplete="new-password" required value={second} onValue={setSecond} error={problems.second} />
        </>
      ) : null}
      <div className="actions left">
        <button type="button" className="primary" disabled={busy !== undefined} onClick={exportAll}>
          {busy === 'export' ? 'Exporting…' : encrypt ? 'Export everything, encrypted' : 'Export everything'}
        </button>
      </div>
      <h3>Import a bundle</h3>
      <p>On a new computer: restore your identity from its recovery phrase first, then import your export here. It only goes into an empty Kith.</p>
      <input
        id={importId}
        className="visually-hidden"
        type="file"
        accept=".kith,application/x-tar"
        disabled={busy !== undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          setLocked(undefined);
          if (file !== undefined) void importFile(file);
        }}
      />
      <label htmlFor={importId} className="button-like">
        {busy === 'import' ? 'Importing…' : 'Import a bundle…'}
      </label>
      {locked === undefined ? null : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (bundlePassphrase !== '') void importFile(locked, bundlePassphrase);
          }}
        >
          <p>{locked.name} is encrypted. Type the passphrase it was exported with.</p>
          <Field id="import-passphrase" label="Bundle passphrase" type="password" autoComplete="off" required autoFocus value={bundlePassphrase} onValue={setBundlePassphrase} />
          <div className="actions left">
            <button type="submit" className="primary" disabled={busy !== undefined || bundlePassphrase === ''}>
              {busy === 'import' ? 'Importing…' : 'Open and import'}
            </button>
            <button type="button" disabled={busy !== undefined} onClick={() => setLocked(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <p className="status" role="status">
        {status}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
