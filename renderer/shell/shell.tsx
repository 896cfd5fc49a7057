// The unlocked app: identity in the header, the navigation, and the current section.
import { useCallback, useState } from 'react';
import type { IdentityView } from '../../src/api/contract.ts';
import { KeyText } from '../components/key-text.tsx';
import { MessageNotifications } from '../conversations/message-notifications.tsx';
import { useVendorMode } from '../state/use-vendor-mode.ts';
import { MainArea } from './main-area.tsx';
import { Nav } from './nav.tsx';
import { focusScreenHeading, NavigationContext } from './navigation.tsx';
import { sectionsFor } from './sections.ts';

export function Shell({ identity }: { identity: IdentityView | undefined }) {
  const [section, setSection] = useState('my-data');
  // On a vendor node the navigation starts with the vendor console.
  const sections = sectionsFor(useVendorMode());
  // For links inside a screen; the navigation itself moves focus its own way (components/screen.tsx).
  const navigate = useCallback((id: string) => {
    setSection(id);
    focusScreenHeading();
  }, []);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Kith</span>
        {identity === undefined ? null : (
          <span className="whoami">
            You · <KeyText value={identity.did} label="DID" />
          </span>
        )}
      </header>
      <Nav sections={sections} current={section} onSelect={setSection} />
      <main className="main" id="main" tabIndex={-1}>
        <NavigationContext value={navigate}>
          <MainArea section={section} identity={identity} />
          <MessageNotifications />
        </NavigationContext>
      </main>
    </div>
  );
}
