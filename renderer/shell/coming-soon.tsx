// The honest empty state of a section whose peer-to-peer issue has not landed yet.
import { EmptyState } from '../components/empty-state.tsx';
import { Screen } from '../components/screen.tsx';
import type { Section } from './sections.ts';

export function ComingSoon({ section }: { section: Section }) {
  return (
    <Screen title={section.label}>
      <EmptyState title="Arrives with peer-to-peer sharing">
        <p>{section.purpose}</p>
        <p>This part of Kith needs your node to talk directly to other people&apos;s nodes, which comes in a later version. Your data stays on this computer until then.</p>
      </EmptyState>
    </Screen>
  );
}
