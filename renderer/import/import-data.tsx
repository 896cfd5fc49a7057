// Bring your data home: pick or drop an address book (.vcf), a calendar (.ics), a
// purchase or bank history (.csv) or a Google Takeout / Facebook archive (.zip); Kith
// first says what it found (a dry run, nothing written), then imports on request and
// says what it did, with a bar while it works and a way to undo it. Every item becomes a
// signed record that remembers where it came from.
import { useState } from 'react';
import type { ImportResultView, UndoImportView } from '../../src/api/methods/import.ts';
import { DropZone } from '../documents/drop-zone.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { Screen } from '../components/screen.tsx';
import { useKith } from '../state/kith-context.tsx';
import { ImportProgress } from './import-progress.tsx';
import { UndoImport } from './undo-import.tsx';

const NOUNS: Record<ImportResultView['format'], [string, string]> = {
  vcard: ['contact', 'contacts'],
  ical: ['event', 'events'],
  csv: ['purchase', 'purchases'],
  'google-takeout': ['item', 'items'],
  facebook: ['item', 'items'],
};

const FORMAT_NAMES: Record<ImportResultView['format'], string> = {
  vcard: 'an address book (vCard)',
  ical: 'a calendar (iCalendar)',
  csv: 'a purchase or bank history (CSV)',
  'google-takeout': 'a Google Takeout archive',
  facebook: 'a Facebook archive',
};

function counted(result: ImportResultView, n: number): string {
  const [one, many] = NOUNS[result.format];
  return `${n} ${n === 1 ? one : many}`;
}

function Summary({ result, title }: { result: ImportResultView; title: string }) {
  return (
    <section aria-label={title} className="import-summary">
      <h2>{title}</h2>
      <p>
        {result.dryRun ? 'This is ' : 'That was '}
        {FORMAT_NAMES[result.format]}.
      </p>
      <ul>
        <li>{result.dryRun ? `${counted(result, result.imported)} to add` : `${counted(result, result.imported)} added`}</li>
        <li>{result.dryRun ? `${result.updated} to update` : `${result.updated} updated`}, {result.unchanged} already here as they are</li>
        {result.skipped === 0 ? null : <li>{result.skipped} you deleted since an earlier import, left out</li>}
      </ul>
      {result.errors.length === 0 ? null : (
        <details open={result.errors.length <= 5}>
          <summary>{result.errors.length} could not be read</summary>
          <ul className="import-errors">
            {result.errors.slice(0, 200).map((error, index) => (
              <li key={index}>
                <strong>{error.item}</strong>: {error.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Undone({ result }: { result: UndoImportView }) {
  return (
    <section aria-label="Import undone" className="import-summary">
      <h2>Import undone</h2>
      <p>
        {result.deleted} record{result.deleted === 1 ? '' : 's'} from {result.run.file} deleted
        {result.restored === 0 ? '' : `, ${result.restored} put back as they were before`}.
        {result.kept.length === 0 ? '' : ` ${result.kept.length} you had changed since ${result.kept.length === 1 ? 'was' : 'were'} kept.`}
      </p>
    </section>
  );
}

const newLabel = () => `ui-${Math.random().toString(36).slice(2, 12)}`;

export function ImportData() {
  const { files } = useKith();
  const [file, setFile] = useState<File>();
  const [map, setMap] = useState('');
  const [preview, setPreview] = useState<ImportResultView>();
  const [done, setDone] = useState<ImportResultView & { file: string }>();
  const [undone, setUndone] = useState<UndoImportView>();
  const [busy, setBusy] = useState(false);
  const [label, setLabel] = useState(newLabel);
  const [error, setError] = useState<unknown>();

  async function run(chosen: File, dryRun: boolean) {
    const progress = newLabel();
    setLabel(progress);
    setBusy(true);
    setError(undefined);
    setUndone(undefined);
    try {
      const result = await files.importData(chosen, { dryRun, progress, ...(map.trim() === '' ? {} : { map: map.trim() }) });
      if (dryRun) setPreview(result);
      else {
        setDone({ ...result, file: chosen.name });
        setPreview(undefined);
        setFile(undefined);
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function choose(chosen: File[]) {
    const first = chosen[0];
    if (first === undefined) return;
    setFile(first);
    setDone(undefined);
    setPreview(undefined);
    void run(first, true);
  }

  return (
    <Screen
      title="Bring your data home"
      intro="Your address book, calendar, purchases and bank history, and what Google and Facebook let you download: each item signed as yours, remembering where it came from. Importing the same file again changes nothing."
    >
      <DropZone
        onFiles={choose}
        busy={busy}
        multiple={false}
        prompt="Drop a .vcf, .ics, .csv or Takeout / Facebook .zip here, or"
        choose="Choose a file…"
        working="Reading…"
      />
      <Field
        label="CSV columns (only if Kith asks)"
        value={map}
        onValue={setMap}
        hint="Which column holds what, such as date=Date,description=Description,amount=Amount,currency=EUR."
      />
      <p className="status" role="status">
        {busy ? (preview === undefined ? `Reading ${file?.name ?? 'the file'}…` : `Importing ${file?.name ?? 'the file'}…`) : ''}
      </p>
      {busy ? <ImportProgress key={label} label={label} what={preview === undefined ? 'Reading' : 'Importing'} /> : null}
      <ErrorNote error={error} />
      {preview === undefined || file === undefined ? null : (
        <>
          <Summary result={preview} title={`Found in ${file.name}`} />
          <div className="actions left">
            <button type="button" className="primary" disabled={busy || preview.imported + preview.updated === 0} onClick={() => void run(file, false)}>
              Import {counted(preview, preview.imported + preview.updated)}
            </button>
            <button type="button" disabled={busy} onClick={() => void run(file, true)}>
              Read it again
            </button>
          </div>
        </>
      )}
      {done === undefined ? null : (
        <>
          <Summary result={done} title="Imported" />
          {done.run === undefined ? null : (
            <UndoImport
              run={done.run}
              file={done.file}
              label={`${label}-undo`}
              onUndone={(result) => {
                setUndone(result);
                setDone(undefined);
              }}
            />
          )}
        </>
      )}
      {undone === undefined ? null : <Undone result={undone} />}
    </Screen>
  );
}
