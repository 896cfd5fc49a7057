// Webhooks (vendor console): the CRM bridge's endpoints — add one (its signing secret shown
// this once), send it a test event, remove it — and the delivery log. The log has no live
// event of its own (deliveries happen in the node's queue), so it is asked again every few
// seconds while this screen is open.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../src/api/contract.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { AddWebhook } from './add-webhook.tsx';
import { deliveryState } from './console-words.ts';
import { WebhookSecret } from './webhook-secret.tsx';

type Endpoint = MethodOutput<'vendor.webhooks.list'>[number];

const LOG_LIMIT = 50;
const LOG_POLL_MS = 3000;

export function Webhooks() {
  const { client } = useKith();
  const endpoints = useQuery(
    () => client.call('vendor.webhooks.list', {}),
    [],
    () => false,
  );
  const log = useQuery(
    () => client.call('vendor.webhooks.deliveries', { limit: LOG_LIMIT }),
    [],
    () => false,
  );
  const { reload: reloadLog } = log;
  const { reload: reloadEndpoints } = endpoints;
  useEffect(() => {
    // The endpoints too: a 410 answer disables one in the queue.
    const timer = setInterval(() => {
      reloadLog();
      reloadEndpoints();
    }, LOG_POLL_MS);
    return () => clearInterval(timer);
  }, [reloadLog, reloadEndpoints]);
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  const [removing, setRemoving] = useState<Endpoint>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const urlOf = (id: string) => endpoints.data?.find((e) => e.id === id)?.url;

  async function test(endpoint: Endpoint) {
    setError(undefined);
    setNote('');
    try {
      await client.call('vendor.webhooks.test', { id: endpoint.id });
      setNote(`A test event is on its way to ${endpoint.url}: see it in the delivery log below.`);
      reloadLog();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <Screen
      title="Webhooks"
      intro="Your CRM hears of every new customer, agreement and record as it happens: your node posts signed events (Standard Webhooks) to the addresses below, and keeps trying for a day when one does not answer."
    >
      <AddWebhook
        onAdded={(added) => {
          setSecret(added);
          reloadEndpoints();
        }}
      />
      <section className="panel" aria-labelledby="webhook-endpoints">
        <h2 id="webhook-endpoints">Endpoints</h2>
        <ErrorNote error={endpoints.error ?? error} />
        <p className="status" role="status">
          {endpoints.data === undefined && endpoints.error === undefined ? 'Loading endpoints…' : note}
        </p>
        {endpoints.data === undefined ? null : endpoints.data.length === 0 ? (
          <EmptyState title="No endpoints yet">
            <p>Add the address where your CRM receives webhooks, above. Events start with the next customer, agreement or record; send a test event to try it first.</p>
          </EmptyState>
        ) : (
          <ul className="records">
            {endpoints.data.map((endpoint) => (
              <li key={endpoint.id} className="record">
                <div>
                  <p className="record-summary mono">{endpoint.url}</p>
                  <p className="record-meta">
                    {endpoint.enabled ? <span className="ok-text">Active</span> : <span className="danger-text">Disabled{endpoint.disabledReason === undefined ? '' : `: ${endpoint.disabledReason}`}</span>} · added{' '}
                    {formatTime(endpoint.created)}
                  </p>
                </div>
                <div className="record-actions">
                  <button type="button" onClick={() => void test(endpoint)} disabled={!endpoint.enabled} aria-label={`Send a test event to ${endpoint.url}`}>
                    Send a test event
                  </button>
                  <button type="button" className="danger-quiet" onClick={() => setRemoving(endpoint)} aria-label={`Remove ${endpoint.url}`}>
                    Remove…
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="webhook-log">
        <h2 id="webhook-log">Delivery log</h2>
        <ErrorNote error={log.error} />
        {log.data === undefined ? null : log.data.length === 0 ? (
          <EmptyState title="Nothing sent yet">
            <p>Each event your node posts shows here, with what the endpoint answered. Add an endpoint and send it a test event to see one.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="trail">
              <caption className="visually-hidden">Webhook deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">To</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>{formatTime(delivery.created)}</td>
                    <td>
                      <code>{delivery.type}</code>
                    </td>
                    <td className="details">{urlOf(delivery.endpoint) ?? 'a removed endpoint'}</td>
                    <td>{deliveryState(delivery)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {log.data.length === LOG_LIMIT ? <p className="note">The latest {LOG_LIMIT} deliveries.</p> : null}
          </div>
        )}
      </section>
      {secret === undefined ? null : <WebhookSecret url={secret.url} secret={secret.secret} onClose={() => setSecret(undefined)} />}
      {removing === undefined ? null : (
        <Confirm
          title="Remove this endpoint?"
          confirmLabel="Remove endpoint"
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await client.call('vendor.webhooks.remove', { id: removing.id });
            setNote(`${removing.url} removed: it gets no more events.`);
            reloadEndpoints();
            reloadLog();
          }}
        >
          <p>
            <span className="mono">{removing.url}</span> gets no more events, and what is still queued for it is dropped. To use it again, add it anew: it gets a new secret.
          </p>
        </Confirm>
      )}
    </Screen>
  );
}
