// Export everything as one signed bundle, or import one into this (empty) locker.
import { useId, useState } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { count } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';

export function Backup() {
  const { files } = useKith();
  const [busy, setBusy] = useState<'export' | 'import'>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
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

  const exportAll = () =>
    run('export', async () => {
      const outcome = await files.exportBundle();
      if (!outcome.saved) return '';
      const counts = outcome.summary === undefined ? '' : ` (${count(outcome.summary.records, 'record')}, ${count(outcome.summary.documents, 'document')})`;
      return `Exported everything${counts} to ${outcome.where ?? 'the chosen place'}.`;
    });

  const importFile = (file: File) =>
    run('import', async () => {
      const summary = await files.importBundle(file);
      return `Imported ${file.name}: ${count(summary.records, 'record')}, ${count(summary.documents, 'document')} and ${count(summary.auditEntries, 'activity entry').replace(/entrys$/, 'entries')}.`;
    });

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup and moving</h2>
      <p>An export holds all your records, their history, your documents and your activity, signed by you. Keep it somewhere safe: it is your data.</p>
      <div className="actions left">
        <button type="button" className="primary" disabled={busy !== undefined} onClick={() => void exportAll()}>
          {busy === 'export' ? 'Exporting…' : 'Export everything'}
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
          if (file !== undefined) void importFile(file);
        }}
      />
      <label htmlFor={importId} className="button-like">
        {busy === 'import' ? 'Importing…' : 'Import a bundle…'}
      </label>
      <p className="status" role="status">
        {status}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}
