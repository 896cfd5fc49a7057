// Human-readable output for the CLI; `--json` bypasses all of this.
import type { BundleSummary, ChainReport, IdentityView, RecordView } from '../../api/contract.ts';
import type { ConnectedContactView, NodeStatusView } from '../../api/methods/network.ts';
import type { ActivityItem } from '../../api/methods/activity.ts';
import { clockTime, groupByDay } from '../../api/activity/activity-days.ts';

export function formatIdentity(identity: IdentityView): string {
  return `DID:     ${identity.did}\nPeerId:  ${identity.peerId}`;
}

/** One line that says what a record holds, for lists. */
export function summarize(record: RecordView): string {
  if (record.deleted) return '(deleted)';
  const data = record.data as Record<string, unknown>;
  switch (record.type) {
    case 'name':
      return String(data['full']);
    case 'email':
      return String(data['address']);
    case 'phone':
      return String(data['number']);
    case 'address':
      return [data['streetAddress'], data['postalCode'], data['addressLocality'], data['addressCountry']]
        .filter((part) => part !== undefined)
        .join(', ');
    case 'birthdate':
      return String(data['date']);
    case 'preference':
      return `${String(data['key'])} = ${JSON.stringify(data['value'])}`;
    case 'purchase':
      return `${String(data['date'])} ${String(data['vendor'])}${data['item'] === undefined ? '' : `: ${String(data['item'])}`} (${String(data['amount'])} ${String(data['currency'])})`;
    case 'contact':
      return [data['name'], firstOf(data['emails'], 'address'), firstOf(data['phones'], 'number')].filter((part) => part !== undefined).map(String).join(', ');
    case 'event':
      return `${String(data['start']).replace('T', ' ')} ${String(data['summary'])}${data['rrule'] === undefined ? '' : ' (repeats)'}`;
    case 'document':
      return `${String(data['name'])} (${String(data['mediaType'])}, ${formatBytes(Number(data['size']))})`;
    default:
      return truncate(JSON.stringify(data), 80);
  }
}

function firstOf(list: unknown, key: string): unknown {
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[key] : undefined;
}

/** Where a record came from, when it did not start here: the vendor of an e-receipt, the file of an import. */
export function sourceWords(record: RecordView): string {
  if (record.source === undefined) return '';
  return record.source.format === 'e-receipt' ? `from ${record.source.vendor}` : `imported from ${record.source.file}`;
}

export function formatRecordLine(record: RecordView): string {
  const source = record.source?.format === 'e-receipt' ? `  (${sourceWords(record)})` : '';
  return `${record.id}  ${record.type.padEnd(10)} v${String(record.version).padEnd(3)} ${summarize(record)}${source}`;
}

export function formatRecord(record: RecordView): string {
  return [
    `id:       ${record.id}`,
    `type:     ${record.type}`,
    `version:  ${record.version}${record.deleted ? ' (deleted)' : ''}`,
    `updated:  ${record.time}`,
    ...(record.source === undefined ? [] : [`source:   ${sourceWords(record)}`]),
    `data:     ${JSON.stringify(record.data, null, 2).replaceAll('\n', '\n          ')}`,
  ].join('\n');
}

export function formatHistoryLine(record: RecordView): string {
  return `v${String(record.version).padEnd(3)} ${record.time}  ${record.deleted ? '(deleted)' : truncate(JSON.stringify(record.data), 100)}`;
}

/** The trail as a person reads it: a heading per day, then "#seq hh:mm sentence". */
export function formatActivity(items: readonly ActivityItem[]): string {
  return groupByDay(items)
    .map((group) => [group.label, ...group.items.map((item) => `  #${String(item.seq).padEnd(5)} ${clockTime(item.time)}  ${item.sentence}`)].join('\n'))
    .join('\n\n');
}

export function formatChainReport(report: ChainReport): string {
  if (report.ok) return `Audit trail intact: ${report.count} entries, every link and signature checks out.`;
  return [
    `Audit trail is NOT intact (${report.count} entries read, ${report.problems.length} problem(s)):`,
    ...report.problems.map((p) => `  #${p.seq} ${p.problem}: ${p.message}`),
  ].join('\n');
}

export function formatBundle(verb: string, summary: BundleSummary): string {
  return (
    `${verb} ${summary.path}: ${summary.records} records (${summary.versions} versions), ` +
    `${summary.documents} documents, ${summary.auditEntries} audit entries, owner ${summary.owner}`
  );
}

export function formatBytes(size: number): string {
  if (!Number.isFinite(size)) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `kith status`: the node, and each contact connected now with how (direct or via a relay). */
export function formatStatus(status: NodeStatusView): string {
  if (!status.running) {
    return `Your node is not running${status.peerId === undefined ? '' : ` (PeerId ${status.peerId})`}. Start it with \`kith start\`.`;
  }
  const indent = '\n               ';
  // A relay is usually a contact (a vendor node) connected now: name it, key second.
  const names = new Map(status.connectedContacts.map((contact) => [contact.peerId, contact.petname]));
  const relay = (peerId: string) => (names.has(peerId) ? `${names.get(peerId)} (${shortPeerId(peerId)})` : peerId);
  return [
    `PeerId:        ${status.peerId ?? ''}${status.vendor ? '  (vendor node)' : ''}`,
    `DID:           ${status.did ?? ''}`,
    `Reachability:  ${status.reachability}`,
    `Addresses:     ${status.addresses.length === 0 ? '(none yet)' : status.addresses.join(indent)}`,
    `Relays:        ${status.relays.length === 0 ? '(none)' : status.relays.map(relay).join(indent)}`,
    `Contacts online: ${status.connectedContacts.length === 0 ? '(none)' : status.connectedContacts.length}`,
    ...status.connectedContacts.map((contact) => `  ${formatConnectedContact(contact, names)}`),
    `Peers connected: ${status.connectedPeers}`,
  ].join('\n');
}

/** "Ana (12D3KooWRBy9…JsNK9x) — direct", "Ben (…) — via relay 12D3KooWQmAb…c8Dd2e". */
export function formatConnectedContact(contact: ConnectedContactView, names: ReadonlyMap<string, string> = new Map()): string {
  const relay = contact.relay === undefined ? '' : ` ${names.get(contact.relay) ?? shortPeerId(contact.relay)}`;
  const how = contact.via === 'direct' ? 'direct' : `via relay${relay}`;
  return `${contact.petname} (${shortPeerId(contact.peerId)}) — ${how}`;
}

/** Enough of a PeerId to recognise it; `kith status --json` and `kith contacts` give it whole. */
export function shortPeerId(peerId: string): string {
  return peerId.length <= 24 ? peerId : `${peerId.slice(0, 12)}…${peerId.slice(-6)}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
