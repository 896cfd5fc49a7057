// The calls the first screen needs, sent the moment the page starts rather than one after
// another as components mount: what the identity is, and (nearly always next: My data)
// the records. Measured in the e2e (test/e2e/names-activity-ui.test.ts), the first screen
// waited for identity.status to come back before data.list was even asked. Each answer is
// handed over once; later loads ask afresh.
import type { Client } from '../../src/api/client.ts';
import type { MethodOutput } from '../../src/api/contract.ts';

// data.list answers undefined where it failed (a locked node): the screen then asks again.
type Early = { 'identity.status'?: Promise<MethodOutput<'identity.status'>>; 'data.list'?: Promise<MethodOutput<'data.list'> | undefined> };

const early: Early = {};

export function sendFirstCalls(client: Client): void {
  early['identity.status'] = client.call('identity.status', {});
  // A locked node refuses it: then My data (after the unlock) simply asks again.
  early['data.list'] = client.call('data.list', {}).catch(() => undefined);
}

/** The early answer for `method`, once; undefined afterwards (ask the node). */
export function takeFirstCall<M extends keyof Early>(method: M): NonNullable<Early[M]> | undefined {
  const answer = early[method];
  delete early[method];
  return answer as NonNullable<Early[M]> | undefined;
}
