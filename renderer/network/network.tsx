// Network: how this node reaches your contacts — whether it is online, its PeerId and
// addresses, whether others can dial it directly, its relays, who is connected now (and
// whether directly or through a relay). Peers by name first (a relay is usually a vendor
// you know), the key second: shortened, whole on hover, with a copy button.
// Connections come and go without an event, so it also asks again every few seconds.
import { useEffect } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { KeyText } from '../components/key-text.tsx';
import { count } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

const REFRESH_MS = 5000;

const REACHABILITY: Record<'public' | 'private' | 'unknown', string> = {
  public: 'Reachable: other nodes can connect to it directly.',
  private: 'Behind a router or firewall: others reach it through a relay or when it calls them.',
  unknown: 'Not known yet: it finds out once other nodes have tried to reach it.',
};

/** A peer's name where we know one: a contact's petname, else a relay by the tail of its key. */
function peerName(peerId: string, names: ReadonlyMap<string, string>, what: string): string {
  return names.get(peerId) ?? `${what} …${peerId.slice(-6)}`;
}

/** A relayed connection carries little (a relay limits it); DCUtR may turn it into a direct one. */
function throughRelay(relay: string | undefined, names: ReadonlyMap<string, string>) {
  return relay === undefined ? 'Through a relay' : `Through the relay ${peerName(relay, names, 'Relay')}`;
}

export function Network() {
  const { client } = useKith();
  const status = useQuery(
    () => client.call('node.status', {}),
    [],
    (event) => event.name === 'contacts.changed' || event.name === 'grants.changed' || event.name === 'shared.changed',
  );
  const contacts = useQuery(() => client.call('contacts.list', {}), [], (event) => event.name === 'contacts.changed');
  const names = new Map((contacts.data ?? []).map((contact) => [contact.peerId, contact.petname]));
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const node = status.data;

  return (
    <Screen title="Network" intro="Your node talks directly to your contacts' nodes, encrypted end to end. Nothing goes through a Kith server.">
      <ErrorNote error={status.error} />
      {node === undefined ? (
        status.error === undefined ? (
          <p className="loading">Asking the node…</p>
        ) : null
      ) : !node.running ? (
        <EmptyState title="Your node is offline">
          <p>
            Kith is running without the network, so contacts cannot reach you and nothing you share is delivered. Start it with <code>kith start</code> (or
            reopen the desktop app) to go online.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="panel" aria-labelledby="node-title">
            <h2 id="node-title">This node</h2>
            <dl className="facts">
              <dt>State</dt>
              <dd className="ok-text">Online{node.vendor ? ' as a vendor node' : ''}</dd>
              <dt>PeerId</dt>
              <dd>{node.peerId === undefined ? 'not known' : <KeyText value={node.peerId} label="PeerId" />}</dd>
              {node.did === undefined ? null : (
                <>
                  <dt>DID</dt>
                  <dd>
                    <KeyText value={node.did} label="DID" />
                  </dd>
                </>
              )}
              <dt>Reachability</dt>
              <dd>{REACHABILITY[node.reachability]}</dd>
              <dt>Connections</dt>
              <dd>{count(node.connectedPeers, 'peer')} connected</dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="addresses-title">
            <h2 id="addresses-title">Addresses</h2>
            {node.addresses.length === 0 ? (
              <p className="note">No addresses to listen on. Contacts can only reach you through a relay.</p>
            ) : (
              <ul className="address-list">
                {node.addresses.map((address) => (
                  <li key={address} className="mono">
                    {address}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="relays-title">
            <h2 id="relays-title">Relays</h2>
            {node.relays.length === 0 ? (
              <p className="note">None in use. A relay is needed only when your node cannot be reached directly.</p>
            ) : (
              <ul className="records">
                {node.relays.map((relay) => (
                  <li key={relay} className="record">
                    <div className="record-text">
                      <p className="record-summary peer-name">{peerName(relay, names, 'Relay')}</p>
                      <p className="record-meta">
                        <KeyText value={relay} label="PeerId" />
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="connected-title">
            <h2 id="connected-title">Contacts connected now</h2>
            {node.connectedContacts.length === 0 ? (
              <p className="note">None right now. Your contacts connect when their node is online; what you share waits for them and is delivered then.</p>
            ) : (
              <ul className="records">
                {node.connectedContacts.map((contact) => (
                  <li key={contact.peerId} className="record">
                    <div className="record-text">
                      <p className="record-summary peer-name">{contact.petname}</p>
                      <p className="record-meta">{contact.via === 'direct' ? 'Connected directly' : throughRelay(contact.relay, names)}</p>
                      <p className="record-meta">
                        <KeyText value={contact.peerId} label="PeerId" />
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Screen>
  );
}
