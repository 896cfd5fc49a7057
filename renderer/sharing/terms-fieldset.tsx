// The terms a person proffers, as checkboxes of the presets (share-terms.ts) with their
// number where one is needed, and clauses in their own words (up to ten, as a grant takes):
// the same choice when sharing with a contact and when proposing an agreement to a vendor.
import { Field } from '../components/field.tsx';
import { toggled } from '../lib/sets.ts';
import { MAX_CLAUSES, PRESETS, type TermChoices, type TermProblems } from './share-terms.ts';

export interface TermsFieldsetProps {
  /** Prefix of the controls' ids (`${idPrefix}-deleteAfterDays`…), so a form can focus the first problem. */
  readonly idPrefix: string;
  readonly legend: string;
  readonly choices: TermChoices;
  readonly problems: TermProblems;
  /** The new choices, and which problem the change answers (to clear what was said about it). */
  readonly onChange: (choices: TermChoices, edited?: keyof TermProblems) => void;
}

export function TermsFieldset({ idPrefix, legend, choices, problems, onChange }: TermsFieldsetProps) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {PRESETS.map((preset) => (
        <div key={preset.id} className="check-row">
          <label className="check">
            <input
              type="checkbox"
              checked={choices.presets.has(preset.id)}
              onChange={(e) => onChange({ ...choices, presets: toggled(choices.presets, preset.id, e.target.checked) })}
            />
            {preset.label}
          </label>
          {preset.id === 'delete-after' && choices.presets.has('delete-after') ? (
            <Field
              id={`${idPrefix}-deleteAfterDays`}
              label="Days"
              required
              inputMode="numeric"
              value={choices.deleteAfterDays}
              onValue={(value) => onChange({ ...choices, deleteAfterDays: value }, 'deleteAfterDays')}
              error={problems.deleteAfterDays}
            />
          ) : null}
          {preset.id === 'breach-notice' && choices.presets.has('breach-notice') ? (
            <Field
              id={`${idPrefix}-breachHours`}
              label="Hours"
              required
              inputMode="numeric"
              value={choices.breachHours}
              onValue={(value) => onChange({ ...choices, breachHours: value }, 'breachHours')}
              error={problems.breachHours}
            />
          ) : null}
        </div>
      ))}
      {choices.clauses.map((clause, index) => (
        <div key={index} className="clause-row">
          <Field
            id={index === 0 ? `${idPrefix}-clause` : `${idPrefix}-clause-${index + 1}`}
            label={index === 0 ? 'A clause in your own words' : `Clause ${index + 1} in your own words`}
            maxLength={500}
            value={clause}
            onValue={(value) => onChange({ ...choices, clauses: choices.clauses.map((old, i) => (i === index ? value : old)) }, 'clause')}
            error={index === choices.clauses.length - 1 ? problems.clause : undefined}
          />
          {index === 0 ? null : (
            <button type="button" className="link" aria-label={`Remove clause ${index + 1}`} onClick={() => onChange({ ...choices, clauses: choices.clauses.filter((_, i) => i !== index) }, 'clause')}>
              Remove
            </button>
          )}
        </div>
      ))}
      {choices.clauses.length < MAX_CLAUSES && choices.clauses.every((clause) => clause.trim() !== '') ? (
        <button type="button" className="link" onClick={() => onChange({ ...choices, clauses: [...choices.clauses, ''] })}>
          Add another clause
        </button>
      ) : null}
    </fieldset>
  );
}
