// Browser mode without a token: this page was opened without the link `kith start`
// printed (or in a new tab, which does not share the token). Say how to get in.
import { useRef } from 'react';
import { usePrimaryFocus } from './components/use-primary-focus.ts';

export function NoConnection() {
  const heading = useRef<HTMLHeadingElement>(null);
  usePrimaryFocus(heading);
  return (
    <main className="centered" id="main">
      <div className="card">
        <h1 tabIndex={-1} ref={heading}>
          Open Kith from its link
        </h1>
        <p>
          For your safety this page needs the private link that your Kith node printed when it started. Run <code>kith start --ui</code> (or{' '}
          <code>kith start</code> and open the link it shows) on this computer.
        </p>
      </div>
    </main>
  );
}
