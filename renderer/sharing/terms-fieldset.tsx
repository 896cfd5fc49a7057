// The terms a person proffers, as checkboxes of the presets (share-terms.ts) with their
// number where one is needed, and a clause in their own words: the same choice when
// sharing with a contact and when proposing an agreement to a vendor.
import { Field } from '../components/field.tsx';
import { toggled } from '../lib/sets.ts';
import { PRESETS, type TermChoices, type TermProblems } from './share-terms.ts';

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
      <Field
        id={`${idPrefix}-clause`}
        label="A clause in your own words"
        maxLength={500}
        value={choices.clause}
        onValue={(value) => onChange({ ...choices, clause: value }, 'clause')}
        error={problems.clause}
      />
    </fieldset>
  );
}
