// The connection to the node, for every component: the typed client of the contract, the
// file transfers of this mode, and the live events (checked against the contract).
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { createClient, type Client } from '../../src/api/client.ts';
import { events, isEventName, type AppEvent } from '../../src/api/contract.ts';
import type { Connection, FileTransfer } from '../transport/types.ts';

export type UiEvent = AppEvent | { readonly name: 'resync'; readonly payload: undefined };

export interface Kith {
  readonly client: Client;
  readonly files: FileTransfer;
  readonly mode: Connection['mode'];
  onEvent(listener: (event: UiEvent) => void): () => void;
}

const KithContext = createContext<Kith | null>(null);

export function makeKith(connection: Connection): Kith {
  return {
    client: createClient(connection.transport),
    files: connection.files,
    mode: connection.mode,
    onEvent(listener) {
      return connection.subscribe((raw) => {
        if (raw.name === 'resync') return listener({ name: 'resync', payload: undefined });
        // Events are input too: an unknown name or a malformed payload is ignored.
        if (!isEventName(raw.name)) return;
        const payload = events[raw.name].safeParse(raw.payload);
        if (payload.success) listener({ name: raw.name, payload: payload.data } as AppEvent);
      });
    },
  };
}

export function KithProvider({ kith, children }: { kith: Kith; children: ReactNode }) {
  return <KithContext value={kith}>{children}</KithContext>;
}

export function useKith(): Kith {
  const kith = useContext(KithContext);
  if (kith === null) throw new Error('useKith outside KithProvider');
  return kith;
}

/** Calls `listener` for every live event while the component is mounted. */
export function useKithEvent(listener: (event: UiEvent) => void): void {
  const { onEvent } = useKith();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onEvent((event) => latest.current(event)), [onEvent]);
}
