// Settings → what closing the window does, in the desktop app only (a browser tab has no
// tray). Kept running, the node stays reachable: holders get updates and requests arrive.
import { useEffect, useState } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { useDesktop } from '../state/use-desktop.ts';
import type { DesktopSettings } from '../transport/desktop.ts';

export function CloseToTray() {
  const desktop = useDesktop();
  const [settings, setSettings] = useState<DesktopSettings>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    desktop?.settings().then(setSettings, setError);
  }, [desktop]);

  if (desktop === undefined) return null;

  async function change(on: boolean) {
    if (desktop === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      setSettings(await desktop.setCloseToTray(on));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="tray-title">
      <h2 id="tray-title">Closing the window</h2>
      <p>
        Kept running in the tray, Kith stays reachable: the people you share with get your changes, and requests reach you. Open it again from the tray icon; quit
        from the tray menu.
      </p>
      {settings === undefined ? (
        error === undefined ? (
          <p className="loading">Asking the desktop app…</p>
        ) : null
      ) : (
        <label className="check">
          <input type="checkbox" checked={settings.closeToTray} disabled={busy} onChange={(e) => void change(e.target.checked)} />
          Keep Kith running in the tray when I close the window
        </label>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
