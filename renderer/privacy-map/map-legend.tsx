// What the lines mean. Each state differs by dash pattern as well as colour, so the
// picture reads the same for people who do not see the colours.
import type { LinkState } from './map-model.ts';

const ENTRIES: readonly { state: LinkState; words: string }[] = [
  { state: 'live', words: 'Holds it now, and gets your updates' },
  { state: 'expired', words: 'Expired: no more updates' },
  { state: 'revoked', words: 'Revoked, deletion confirmed' },
  { state: 'unconfirmed', words: 'Revoked, deletion not confirmed yet' },
];

export function MapLegend() {
  return (
    <figcaption>
      <ul className="map-legend">
        {ENTRIES.map((entry) => (
          <li key={entry.state}>
            <svg viewBox="0 0 40 10" width="40" height="10" aria-hidden="true">
              <path className={`map-link ${entry.state}`} d="M 2 5 L 38 5" />
            </svg>
            {entry.words}
          </li>
        ))}
      </ul>
    </figcaption>
  );
}
