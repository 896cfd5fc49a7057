// Step 3: proof that the phrase was written down — three words asked at random places.
import { useMemo, useState, type FormEvent } from 'react';
import { Field } from '../components/field.tsx';

const ASKED = 3;

function pickPositions(count: number): number[] {
  const positions = new Set<number>();
  const random = new Uint32Array(1);
  while (positions.size < Math.min(ASKED, count)) {
    crypto.getRandomValues(random);
    positions.add((random[0] ?? 0) % count);
  }
  return [...positions].sort((a, b) => a - b);
}

export function ConfirmPhrase({ words, onConfirmed, onShowAgain }: { words: readonly string[]; onConfirmed: () => void; onShowAgain: () => void }) {
  const positions = useMemo(() => pickPositions(words.length), [words]);
  const [answers, setAnswers] = useState<string[]>(positions.map(() => ''));
  const [errors, setErrors] = useState<(string | undefined)[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = positions.map((position, i) => {
      const given = (answers[i] ?? '').trim().toLowerCase();
      if (given === '') return `Type word ${position + 1} from your written copy.`;
      return given === words[position] ? undefined : `That is not word ${position + 1}. Check your written copy.`;
    });
    setErrors(found);
    const first = found.findIndex((problem) => problem !== undefined);
    if (first >= 0) document.getElementById(`confirm-word-${first}`)?.focus();
    else onConfirmed();
  }

  return (
    <form className="card onboarding" onSubmit={submit} noValidate>
      <h1>Check your copy</h1>
      <p>To make sure your written copy is right, type these words from it.</p>
      {positions.map((position, i) => (
        <Field
          key={position}
          id={`confirm-word-${i}`}
          label={`Word ${position + 1}`}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus={i === 0}
          value={answers[i] ?? ''}
          onValue={(value) => setAnswers((all) => all.map((old, j) => (j === i ? value : old)))}
          error={errors[i]}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={onShowAgain}>
          Show the words again
        </button>
        <button type="submit" className="primary">
          Confirm
        </button>
      </div>
    </form>
  );
}
