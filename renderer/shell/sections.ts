// The app's sections, in navigation order. The peer-to-peer sections are listed already,
// so the navigation has its final shape; each says it arrives with peer-to-peer sharing
// until its issue lands and `ready` turns true with a real screen in shell/main-area.tsx.
export interface Section {
  readonly id: string;
  readonly label: string;
  readonly group: 'Your business' | 'Your data' | 'Sharing' | 'Your node';
  readonly ready: boolean;
  /** For sections not built yet: what they will do, in a sentence. */
  readonly purpose?: string;
}

export const SECTIONS: readonly Section[] = [
  { id: 'my-data', label: 'My data', group: 'Your data', ready: true },
  { id: 'documents', label: 'Documents', group: 'Your data', ready: true },
  { id: 'import', label: 'Bring your data home', group: 'Your data', ready: true },
  { id: 'people', label: 'People & circles', group: 'Sharing', ready: true },
  { id: 'vendors', label: 'Vendors & agreements', group: 'Sharing', ready: true },
  { id: 'inbox', label: 'Inbox', group: 'Sharing', ready: true },
  { id: 'conversations', label: 'Conversations', group: 'Sharing', ready: true },
  { id: 'shared-by-me', label: 'Shared by me', group: 'Sharing', ready: true },
  { id: 'shared-with-me', label: 'Shared with me', group: 'Sharing', ready: true },
  { id: 'intents', label: 'Intents', group: 'Sharing', ready: false, purpose: 'Say what you are looking for under a pseudonym and let vendors come to you with offers.' },
  { id: 'recommendations', label: 'Recommendations', group: 'Sharing', ready: false, purpose: 'Recommend vendors to your circles and see what friends recommend, with where it came from.' },
  { id: 'privacy-map', label: 'Privacy map', group: 'Sharing', ready: true },
  { id: 'network', label: 'Network', group: 'Your node', ready: true },
  { id: 'activity', label: 'Activity', group: 'Your node', ready: true },
  { id: 'settings', label: 'Settings', group: 'Your node', ready: true },
];

/**
 * The vendor console, shown only when this node runs as a vendor (`kith start --vendor`,
 * node.status says so): a person's node has no vendor store, so it never lists these.
 */
export const VENDOR_SECTIONS: readonly Section[] = [
  { id: 'customers', label: 'Customers', group: 'Your business', ready: true },
  { id: 'customer-messages', label: 'Customer messages', group: 'Your business', ready: true },
  { id: 'compliance', label: 'Compliance', group: 'Your business', ready: true },
  { id: 'policy', label: 'Policy', group: 'Your business', ready: true },
  { id: 'webhooks', label: 'Webhooks', group: 'Your business', ready: true },
  { id: 'export', label: 'Export', group: 'Your business', ready: true },
];

/** The navigation's sections: the vendor console first on a vendor node. */
export function sectionsFor(vendor: boolean): readonly Section[] {
  return vendor ? [...VENDOR_SECTIONS, ...SECTIONS] : SECTIONS;
}
