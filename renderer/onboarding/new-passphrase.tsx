// The two fields of a new passphrase (asked twice: a typo here locks the person out), with
// the rules of passphrase-rules.ts shown beside the field they concern.
import { useState } from 'react';
import { Field } from '../components/field.tsx';
import { passphraseProblems } from './passphrase-rules.ts';

export function useNewPassphrase(id: string, label: string) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problems, setProblems] = useState<{ first?: string; second?: string }>({});

  /** The passphrase if it passes the rules; otherwise undefined, its problem shown and its field focused. */
  function checked(): string | undefined {
    const found = passphraseProblems(first, second);
    setProblems(found);
    if (found.first === undefined && found.second === undefined) return first;
    document.getElementById(found.first === undefined ? `${id}-2` : id)?.focus();
    return undefined;
  }

  const fields = (
    <>
      <Field id={id} label={label} type="password" autoComplete="new-password" required autoFocus value={first} onValue={setFirst} error={problems.first} />
      <Field id={`${id}-2`} label="The same passphrase again" type="password" autoComplete="new-password" required value={second} onValue={setSecond} error={problems.second} />
    </>
  );
  return { fields, checked };
}
