// Which screen a section shows. New sections slot in here as their issues land.
import type { IdentityView } from '../../src/api/contract.ts';
import { Activity } from '../activity/activity.tsx';
import { Documents } from '../documents/documents.tsx';
import { ImportData } from '../import/import-data.tsx';
import { Inbox } from '../inbox/inbox.tsx';
import { MyData } from '../my-data/my-data.tsx';
import { Network } from '../network/network.tsx';
import { People } from '../people/people.tsx';
import { PrivacyMap } from '../privacy-map/privacy-map.tsx';
import { Settings } from '../settings/settings.tsx';
import { SharedByMe } from '../sharing/shared-by-me.tsx';
import { SharedWithMe } from '../sharing/shared-with-me.tsx';
import { Vendors } from '../vendors/vendors.tsx';
import { ComingSoon } from './coming-soon.tsx';
import { SECTIONS } from './sections.ts';

export function MainArea({ section, identity }: { section: string; identity: IdentityView | undefined }) {
  switch (section) {
    case 'my-data':
      return <MyData />;
    case 'documents':
      return <Documents />;
    case 'import':
      return <ImportData />;
    case 'people':
      return <People />;
    case 'vendors':
      return <Vendors />;
    case 'inbox':
      return <Inbox />;
    case 'shared-by-me':
      return <SharedByMe />;
    case 'shared-with-me':
      return <SharedWithMe />;
    case 'privacy-map':
      return <PrivacyMap />;
    case 'network':
      return <Network />;
    case 'activity':
      return <Activity />;
    case 'settings':
      return <Settings identity={identity} />;
    default: {
      const found = SECTIONS.find((candidate) => candidate.id === section);
      return found === undefined ? <MyData /> : <ComingSoon section={found} />;
    }
  }
}
