// Whether this node runs as a vendor (`kith start --vendor`): node.status says so once the
// node is online. That is fixed while the node runs, but the network comes up a moment
// after unlocking, so an answer of "not running" is asked again shortly.
import { useEffect } from 'react';
import { useKith } from './kith-context.tsx';
import { useQuery } from './use-query.ts';

const RETRY_MS = 2000;

export function useVendorMode(): boolean {
  const { client } = useKith();
  const status = useQuery(
    () => client.call('node.status', {}),
    [],
    (event) => event.name === 'identity.changed',
  );
  const offline = status.data?.running === false || status.error !== undefined;
  const { reload } = status;
  useEffect(() => {
    if (!offline) return;
    const timer = setTimeout(reload, RETRY_MS);
    return () => clearTimeout(timer);
  }, [offline, status.data, status.error, reload]);
  return status.data?.vendor === true;
}
