// Which live events change what the Customers screens show: a vendor node hears of an
// agreement made or ended, and of data shared, updated or revoked, through these.
import type { UiEvent } from '../state/kith-context.tsx';

export function changesCustomers(event: UiEvent): boolean {
  return event.name === 'agreements.changed' || event.name === 'shared.changed';
}
