// Policy (vendor console): which of a customer's clauses this node signs by itself, at any
// hour, without the owner in the loop; a proposal with any other clause is refused, and the
// customer is told which. The same policy the profile form edits, on a screen of its own.
import { useState, type FormEvent } from 'react';
import type { VendorProfileView } from '../../src/api/methods/agreements.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { TermList } from '../sharing/grant-item.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { PolicyFieldset } from '../vendors/policy-fieldset.tsx';
import { acceptsFrom, POLICY_CLAUSES, policyLines, type PolicyChoices, type PolicyClause, type PolicyProblems } from '../vendors/policy-words.ts';

function choicesOf(policy: VendorProfileView['policy']): PolicyChoices {
  return {
    accepts: new Set(policy.accepts as PolicyClause[]),
    minDeleteAfterDays: policy.minDeleteAfterDays === undefined ? '' : String(policy.minDeleteAfterDays),
    shortestBreachNoticeHours: policy.shortestBreachNoticeHours === undefined ? '' : String(policy.shortestBreachNoticeHours),
  };
}

export function Policy() {
  const { client } = useKith();
  // No event says the profile changed; it changes here, in the profile form, or by the CLI (seen on resync).
  const profile = useQuery(
    () => client.call('vendor.profile.get', {}),
    [],
    () => false,
  );
  return (
    <Screen
      title="Policy"
      intro="Which of your customers' terms your node signs by itself, at any hour. A customer who proposes any other clause is refused, and told which clause it was; nothing is shared with you until you both signed."
    >
      <ErrorNote error={profile.error} />
      {profile.data === undefined ? (
        profile.error === undefined ? (
          <p className="status" role="status">
            Loading your policy…
          </p>
        ) : null
      ) : (
        <PolicyPanels profile={profile.data} onSaved={profile.reload} />
      )}
    </Screen>
  );
}

function PolicyPanels({ profile, onSaved }: { profile: VendorProfileView; onSaved: () => void }) {
  const { client } = useKith();
  const [policy, setPolicy] = useState(() => choicesOf(profile.policy));
  const [problems, setProblems] = useState<PolicyProblems>({});
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const lines = policyLines(profile.policy);
  const refused = POLICY_CLAUSES.filter((clause) => !profile.policy.accepts.includes(clause.id)).map((clause) => clause.label);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved('');
    const accepts = acceptsFrom(policy);
    if ('problems' in accepts) {
      setProblems(accepts.problems);
      const first = (['minDeleteAfterDays', 'shortestBreachNoticeHours'] as const).find((key) => accepts.problems[key] !== undefined);
      if (first !== undefined) document.getElementById(`policy-${first}`)?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    setError(undefined);
    try {
      // The form shows the policy as the node now has it (the bounds as it parsed them).
      const next = await client.call('vendor.profile.set', { accepts: accepts.accepts });
      setPolicy(choicesOf(next.policy));
      setSaved('Policy saved: it applies to the next proposal.');
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby="policy-now">
        <h2 id="policy-now">Your node signs by itself</h2>
        {lines.length === 0 ? <p className="note">Nothing: it refuses every clause, so no customer can make an agreement with you yet.</p> : <TermList terms={lines} />}
        {refused.length === 0 ? null : (
          <>
            <h3>It refuses</h3>
            <TermList terms={refused} />
          </>
        )}
      </section>
      <form className="panel share-form" aria-labelledby="policy-change" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="policy-change">Change it</h2>
        <PolicyFieldset
          policy={policy}
          onPolicy={(change) => {
            setPolicy(change);
            setSaved('');
            setError(undefined);
          }}
          problems={problems}
          onEdited={(key) => setProblems((all) => ({ ...all, [key]: undefined }))}
          idPrefix="policy"
        />
        <p className="field-hint">Agreements already signed keep their terms; the new policy applies to the next proposals.</p>
        <ErrorNote error={error} />
        <div className="actions left">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save policy'}
          </button>
          <span className="status" role="status">
            {saved}
          </span>
        </div>
      </form>
    </>
  );
}
