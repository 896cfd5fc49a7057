// Which screen a section shows. New sections slot in here as their issues land. Only My
// data (the first screen) is in the first script; each other screen is its own chunk,
// loaded when first opened, so the first screen parses less (test/e2e measures it).
import { lazy, Suspense } from 'react';
import type { IdentityView } from '../../src/api/contract.ts';
import { MyData } from '../my-data/my-data.tsx';
import { ComingSoon } from './coming-soon.tsx';
import { SECTIONS } from './sections.ts';

const Activity = lazy(() => import('../activity/activity.tsx').then((module) => ({ default: module.Activity })));
const Compliance = lazy(() => import('../console/compliance.tsx').then((module) => ({ default: module.Compliance })));
const Conversations = lazy(() => import('../conversations/conversations.tsx').then((module) => ({ default: module.Conversations })));
const CustomerMessages = lazy(() => import('../console/customer-messages.tsx').then((module) => ({ default: module.CustomerMessages })));
const Customers = lazy(() => import('../console/customers.tsx').then((module) => ({ default: module.Customers })));
const Documents = lazy(() => import('../documents/documents.tsx').then((module) => ({ default: module.Documents })));
const ImportData = lazy(() => import('../import/import-data.tsx').then((module) => ({ default: module.ImportData })));
const Inbox = lazy(() => import('../inbox/inbox.tsx').then((module) => ({ default: module.Inbox })));
const Network = lazy(() => import('../network/network.tsx').then((module) => ({ default: module.Network })));
const People = lazy(() => import('../people/people.tsx').then((module) => ({ default: module.People })));
const Policy = lazy(() => import('../console/policy.tsx').then((module) => ({ default: module.Policy })));
const PrivacyMap = lazy(() => import('../privacy-map/privacy-map.tsx').then((module) => ({ default: module.PrivacyMap })));
const Settings = lazy(() => import('../settings/settings.tsx').then((module) => ({ default: module.Settings })));
const SharedByMe = lazy(() => import('../sharing/shared-by-me.tsx').then((module) => ({ default: module.SharedByMe })));
const SharedWithMe = lazy(() => import('../sharing/shared-with-me.tsx').then((module) => ({ default: module.SharedWithMe })));
const VendorExport = lazy(() => import('../console/vendor-export.tsx').then((module) => ({ default: module.VendorExport })));
const Vendors = lazy(() => import('../vendors/vendors.tsx').then((module) => ({ default: module.Vendors })));
const Webhooks = lazy(() => import('../console/webhooks.tsx').then((module) => ({ default: module.Webhooks })));

export function MainArea({ section, identity }: { section: string; identity: IdentityView | undefined }) {
  return (
    <Suspense fallback={<p className="loading">Opening…</p>}>
      <Section section={section} identity={identity} />
    </Suspense>
  );
}

function Section({ section, identity }: { section: string; identity: IdentityView | undefined }) {
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
    case 'conversations':
      return <Conversations />;
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
    // The vendor console (listed in the navigation on a vendor node only).
    case 'customers':
      return <Customers />;
    case 'customer-messages':
      return <CustomerMessages />;
    case 'compliance':
      return <Compliance />;
    case 'policy':
      return <Policy />;
    case 'webhooks':
      return <Webhooks />;
    case 'export':
      return <VendorExport />;
    default: {
      const found = SECTIONS.find((candidate) => candidate.id === section);
      return found === undefined ? <MyData /> : <ComingSoon section={found} />;
    }
  }
}
