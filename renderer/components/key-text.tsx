// A key (a DID or PeerId) where a person may need it: second to a name, shortened, the
// whole key on hover and one click from the clipboard.
import { shortDid, shortPeerId } from '../lib/format.ts';
import { CopyButton } from '../people/copy-button.tsx';

export function KeyText({ value, label }: { value: string; label: 'DID' | 'PeerId' }) {
  return (
    <span className="key-text">
      <span className="mono key-short" title={value} aria-label={`${label} ${value}`}>
        {label === 'DID' ? shortDid(value) : shortPeerId(value)}
      </span>
      <CopyButton text={value} label={`Copy ${label}`} small />
    </span>
  );
}
