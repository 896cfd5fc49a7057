// The clauses a vendor node countersigns by itself, as checkboxes with their bounds: in the
// profile form (vendors/profile-form.tsx) and the console's Policy screen.
import { Field } from '../components/field.tsx';
import { toggled } from '../lib/sets.ts';
import { POLICY_CLAUSES, type PolicyChoices, type PolicyProblems } from './policy-words.ts';

export interface PolicyFieldsetProps {
  readonly policy: PolicyChoices;
  readonly onPolicy: (change: (policy: PolicyChoices) => PolicyChoices) => void;
  readonly problems: PolicyProblems;
  /** A bound was edited: its problem may be cleared. */
  readonly onEdited: (key: keyof PolicyProblems) => void;
  /** Prefix of the bound fields' ids (`${idPrefix}-minDeleteAfterDays`), for focusing the first problem. */
  readonly idPrefix: string;
}

export function PolicyFieldset({ policy, onPolicy, problems, onEdited, idPrefix }: PolicyFieldsetProps) {
  return (
    <fieldset className="checks">
      <legend>Clauses your node signs by itself</legend>
      <p className="field-hint">A customer&apos;s proposal with any other clause is refused, naming that clause.</p>
      {POLICY_CLAUSES.map((clause) => (
        <div key={clause.id} className="check-row">
          <label className="check">
            <input type="checkbox" checked={policy.accepts.has(clause.id)} onChange={(e) => onPolicy((p) => ({ ...p, accepts: toggled(p.accepts, clause.id, e.target.checked) }))} />
            {clause.label}
          </label>
          {clause.id === 'delete-after' && policy.accepts.has('delete-after') ? (
            <Field
              id={`${idPrefix}-minDeleteAfterDays`}
              label="At least (days)"
              inputMode="numeric"
              value={policy.minDeleteAfterDays}
              onValue={(v) => {
                onPolicy((p) => ({ ...p, minDeleteAfterDays: v }));
                onEdited('minDeleteAfterDays');
              }}
              error={problems.minDeleteAfterDays}
            />
          ) : null}
          {clause.id === 'breach-notice' && policy.accepts.has('breach-notice') ? (
            <Field
              id={`${idPrefix}-shortestBreachNoticeHours`}
              label="At least (hours)"
              inputMode="numeric"
              value={policy.shortestBreachNoticeHours}
              onValue={(v) => {
                onPolicy((p) => ({ ...p, shortestBreachNoticeHours: v }));
                onEdited('shortestBreachNoticeHours');
              }}
              error={problems.shortestBreachNoticeHours}
            />
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
