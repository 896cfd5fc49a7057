// Edit this vendor node's profile, as `kith vendor profile` does: the name, site and
// categories customers see, and which of their clauses the node countersigns by itself.
import { useState, type FormEvent } from 'react';
import type { VendorProfileView } from '../../src/api/methods/agreements.ts';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKith } from '../state/kith-context.tsx';
import { PolicyFieldset } from './policy-fieldset.tsx';
import { acceptsFrom, type PolicyChoices, type PolicyClause, type PolicyProblems } from './policy-words.ts';

type Problems = PolicyProblems & Partial<Record<'name' | 'site' | 'categories', string>>;
const ORDER = ['name', 'site', 'categories', 'minDeleteAfterDays', 'shortestBreachNoticeHours'] as const;
// The rule of src/trust/vendor-profile.ts, said here so the form can point at the word.
const CATEGORY = /^[\p{L}\p{N} &/-]{1,40}$/u;

export function ProfileForm({ profile, onClose, onSaved }: { profile: VendorProfileView; onClose: () => void; onSaved: () => void }) {
  const { client } = useKith();
  const [name, setName] = useState(profile.name);
  const [site, setSite] = useState(profile.site ?? '');
  const [categories, setCategories] = useState(profile.categories.join(', '));
  const [policy, setPolicy] = useState<PolicyChoices>({
    accepts: new Set(profile.policy.accepts as PolicyClause[]),
    minDeleteAfterDays: profile.policy.minDeleteAfterDays === undefined ? '' : String(profile.policy.minDeleteAfterDays),
    shortestBreachNoticeHours: profile.policy.shortestBreachNoticeHours === undefined ? '' : String(profile.policy.shortestBreachNoticeHours),
  });
  const [problems, setProblems] = useState<Problems>({});
  const submission = useSubmission();
  const edited = (key: keyof Problems) => setProblems((all) => (all[key] === undefined ? all : { ...all, [key]: undefined }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const found: Problems = {};
    if (name.trim() === '' || name.trim().length > 100) found.name = 'Give the name customers know you by, up to 100 characters.';
    if (site.trim() !== '' && !/^https?:\/\/\S+$/i.test(site.trim())) found.site = 'Give a web address starting with https://, or leave it empty.';
    const words = categories.split(',').map((c) => c.trim()).filter((c) => c !== '');
    const wrong = words.find((c) => !CATEGORY.test(c));
    if (wrong !== undefined) found.categories = `"${wrong.slice(0, 40)}" is not a category: use letters, digits, spaces and & / - only, up to 40 characters each.`;
    else if (words.length > 20) found.categories = 'Up to 20 categories.';
    const accepts = acceptsFrom(policy);
    if ('problems' in accepts) Object.assign(found, accepts.problems);
    if (Object.keys(found).length > 0 || 'problems' in accepts) {
      setProblems(found);
      const first = ORDER.find((key) => found[key] !== undefined);
      if (first !== undefined) document.getElementById(`profile-${first}`)?.focus();
      return;
    }
    setProblems({});
    await submission.run(async () => {
      await client.call('vendor.profile.set', { name: name.trim(), site: site.trim(), categories: words, accepts: accepts.accepts });
      onSaved();
      onClose();
    });
  }

  return (
    <Modal title="Your vendor profile" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
        <Field
          id="profile-name"
          label="Name"
          required
          autoFocus
          maxLength={100}
          value={name}
          onValue={(v) => {
            setName(v);
            edited('name');
          }}
          error={problems.name}
        />
        <Field
          id="profile-site"
          label="Site"
          type="url"
          maxLength={300}
          hint="Your web address, such as https://shop.example."
          value={site}
          onValue={(v) => {
            setSite(v);
            edited('site');
          }}
          error={problems.site}
        />
        <Field
          id="profile-categories"
          label="Categories"
          hint="What you sell or do, separated by commas, such as books, stationery."
          value={categories}
          onValue={(v) => {
            setCategories(v);
            edited('categories');
          }}
          error={problems.categories}
        />
        <PolicyFieldset policy={policy} onPolicy={setPolicy} problems={problems} onEdited={edited} idPrefix="profile" />
        <FormActions submission={submission} submitLabel="Save profile" busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
