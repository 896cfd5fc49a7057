// libp2p's identify runs the moment a connection opens. Its exchange (a stream each way,
// a signed peer record, peer-store writes) costs about as much CPU as the request the
// connection was opened for, and on a busy machine the two compete: connect plus the first
// answered request took 1.85 times bare libp2p with identify at once, 0.9 without it
// (bench/net-connect.ts). So Kith turns identify's own trigger off and runs it a moment
// after each connection opens: the first request goes out alone, and identify still fills
// the peer store and tells the DHT, the relay transport, AutoNAT and DCUtR what the peer
// speaks (they learn it through the same peer:identify event as before).
import type { Connection, Libp2p } from '@libp2p/interface';
import type { Identify } from '@libp2p/identify';

export const IDENTIFY_DELAY_MS = 150;

export function deferIdentify(libp2p: Libp2p<{ identify: Identify }>, delayMs = IDENTIFY_DELAY_MS): void {
  libp2p.addEventListener('connection:open', (event: CustomEvent<Connection>) => {
    const connection = event.detail;
    // Unref'd: a pending identify never keeps a stopping process alive.
    setTimeout(() => {
      if (connection.status !== 'open') return;
      // A failed identify is not an error of ours: the peer may have hung up already.
      libp2p.services.identify.identify(connection).catch(() => undefined);
    }, delayMs).unref();
  });
}
