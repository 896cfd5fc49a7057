// A vendor's profile: who it says it is (name, site, categories) and the clauses its node
// countersigns without a person in the loop — shown for a vendor contact (as it signed it)
// and for this node when it runs as a vendor.
import type { VendorProfileView } from '../../src/api/methods/agreements.ts';
import { TermList } from '../sharing/grant-item.tsx';
import { policyLines } from './policy-words.ts';

export function ProfileFacts({ profile }: { profile: VendorProfileView }) {
  const lines = policyLines(profile.policy);
  // Only web links: the site is the vendor's word, and any other scheme could do something else.
  const site = profile.site !== undefined && /^https?:\/\//i.test(profile.site) ? profile.site : undefined;
  return (
    <dl className="facts">
      <dt>Name</dt>
      <dd>{profile.name}</dd>
      <dt>Site</dt>
      <dd>
        {site === undefined ? (
          <span className="muted-text">Not given</span>
        ) : (
          <a href={site} target="_blank" rel="noreferrer noopener">
            {site}
          </a>
        )}
      </dd>
      <dt>Categories</dt>
      <dd>{profile.categories.length === 0 ? <span className="muted-text">None given</span> : profile.categories.join(', ')}</dd>
      <dt>Signs by itself</dt>
      <dd>{lines.length === 0 ? <span className="muted-text">None: it refuses every clause</span> : <TermList terms={lines} />}</dd>
    </dl>
  );
}
