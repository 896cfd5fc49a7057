// Entry point: pick the transport (Electron preload or the loopback bridge) and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.tsx';
import { NoConnection } from './no-connection.tsx';
import { KithProvider, makeKith } from './state/kith-context.tsx';
import { sendFirstCalls } from './state/first-calls.ts';
import { connect } from './transport/connect.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/screens.css';
import './styles/sharing.css';
import './styles/inbox-vendors.css';
import './styles/privacy-map.css';
import './styles/conversations.css';

// zod compiles fast paths with `new Function`; the CSP forbids eval, so tell zod not to
// try (it would fall back anyway, but log a CSP violation first).
z.config({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
const connection = connect();
const kith = connection === undefined ? undefined : makeKith(connection);
if (kith !== undefined) sendFirstCalls(kith.client);
createRoot(root).render(
  <StrictMode>
    {kith === undefined ? (
      <NoConnection />
    ) : (
      <KithProvider kith={kith}>
        <App />
      </KithProvider>
    )}
  </StrictMode>,
);
