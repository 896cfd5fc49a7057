// Export (vendor console): what customers share now, under grants in force, as one file for
// a CRM — CSV in the HubSpot / Salesforce import shape, or JSON Lines for one's own tools.
// Saved by the desktop app's save dialog, or as a download in a browser.
import { useState } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { count } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { exportFileName } from './console-words.ts';

type Format = 'csv' | 'jsonl';

const FORMATS: readonly { id: Format; label: string; hint: string; name: string }[] = [
  {
    id: 'csv',
    label: 'CSV for a CRM import',
    name: 'CSV',
    hint: 'HubSpot and Salesforce read it as it is: First Name, Last Name, Email, Phone, Street, City, Postal Code, Country, then the customer’s DID, the agreement, its purpose and when it was shared.',
  },
  { id: 'jsonl', label: 'JSON Lines', name: 'JSON Lines', hint: 'One JSON object per shared record, for your own tools and scripts.' },
];

export function VendorExport() {
  const { files, mode } = useKith();
  const [format, setFormat] = useState<Format>('csv');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>();
  const chosen = FORMATS.find((f) => f.id === format) ?? FORMATS[0]!;

  async function save() {
    setBusy(true);
    setDone('');
    setError(undefined);
    try {
      const outcome = await files.saveVendorExport(format, exportFileName(format));
      if (!outcome.saved) return;
      const rows = outcome.rows ?? 0;
      setDone(
        rows === 0
          ? `Saved to ${outcome.where ?? 'your computer'}. No customer shares data with you now, so it holds only ${format === 'csv' ? 'its header row' : 'nothing'}.`
          : `Saved ${count(rows, 'row')} to ${outcome.where ?? 'your computer'}.`,
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen
      title="Export"
      intro="Everything your customers share with you now, under agreements in force, as one file for your CRM. What a customer took back was deleted, and is never in it."
    >
      <div className="panel">
        <fieldset className="checks">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <div key={f.id} className="check-row">
              <label className="check">
                <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} aria-describedby={`export-${f.id}-hint`} />
                {f.label}
              </label>
              <p className="field-hint" id={`export-${f.id}-hint`}>
                {f.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="actions left">
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {busy ? 'Exporting…' : mode === 'electron' ? `Save ${chosen.name}…` : `Download ${chosen.name}`}
          </button>
        </div>
        <p className="status" role="status">
          {done}
        </p>
        <ErrorNote error={error} />
        <p className="note">
          From the command line: <code>kith vendor export --format {format} FILE</code>.
        </p>
      </div>
    </Screen>
  );
}
