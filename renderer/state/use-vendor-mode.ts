// Whether this node runs as a vendor (`kith start --vendor`): node.status says so once the
// node is online. That is fixed while the node runs, but the network comes up a moment
// after unlocking, so an answer of "not running" is asked again shortly — for a minute at
// most (a node that runs without the network, as the desktop app may, is no vendor node).
import { useEffect, useRef } from 'react';
import { useKith } from './kith-context.tsx';
import { useQuery } from './use-query.ts';

const RETRY_MS = 2000;
const MAX_RETRIES = 30;

export function useVendorMode(): boolean {
  const { client } = useKith();
  const status = useQuery(
    () => client.call('node.status', {}),
    [],
    (event) => event.name === 'identity.changed',
  );
  const retries = useRef(0);
  const offline = status.data?.running === false || status.error !== undefined;
  const { reload } = status;
  useEffect(() => {
    if (!offline || retries.current >= MAX_RETRIES) return;
    const timer = setTimeout(() => {
      retries.current += 1;
      reload();
    }, RETRY_MS);
    return () => clearTimeout(timer);
  }, [offline, status.data, status.error, reload]);
  return status.data?.vendor === true;
}
