// The first screen on a new computer: create an identity, or bring one back (from its
// phrase, or with the friends chosen to hold shares of it).
import { useRef } from 'react';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';

export function Welcome({ onCreate, onRestore, onRecover }: { onCreate: () => void; onRestore: () => void; onRecover: () => void }) {
  const primary = useRef<HTMLButtonElement>(null);
  usePrimaryFocus(primary);
  return (
    <div className="card onboarding">
      <h1>Welcome to Kith</h1>
      <p>
        Kith keeps your personal data — names, addresses, purchases, documents — on this computer, signed with a key that only you hold.
        Nothing leaves it unless you share it.
      </p>
      <div className="actions stacked">
        <button type="button" className="primary" ref={primary} onClick={onCreate}>
          Create a new identity
        </button>
        <button type="button" onClick={onRestore}>
          Restore from a recovery phrase
        </button>
        <button type="button" onClick={onRecover}>
          Recover with friends
        </button>
      </div>
    </div>
  );
}
