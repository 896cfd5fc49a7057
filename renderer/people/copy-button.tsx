// Copies text to the clipboard and says so; where the clipboard is not available, says
// to select the text and copy it by hand.
import { useState } from 'react';

export function CopyButton({ text, label, small = false }: { text: string; label: string; small?: boolean }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      setStatus('Could not reach the clipboard: select the text and copy it yourself.');
    }
  }
  return (
    <>
      <button type="button" className={small ? 'small' : undefined} onClick={() => void copy()}>
        {label}
      </button>
      <span className="status" role="status">
        {status}
      </span>
    </>
  );
}
