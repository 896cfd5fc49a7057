// Checks every link and signature of the audit trail and says what it found.
import { useState } from 'react';
import type { ChainReport } from '../../src/api/contract.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { useKith } from '../state/kith-context.tsx';

export function VerifyTrail() {
  const { client } = useKith();
  const [report, setReport] = useState<ChainReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await client.call('log.verify', {}));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify">
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? 'Checking…' : 'Verify trail'}
      </button>
      <div role="status" className="verify-result">
        {report === undefined ? null : report.ok ? (
          <p className="ok">Intact: all {report.count} entries are linked and signed by you.</p>
        ) : (
          <div className="bad">
            <p>The trail is broken: {report.problems.length === 1 ? 'one problem' : `${report.problems.length} problems`} in {report.count} entries.</p>
            <ul>
              {report.problems.map((problem) => (
                <li key={`${problem.seq}-${problem.problem}`}>
                  Entry {problem.seq}: {problem.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
