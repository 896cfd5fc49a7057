// One record update delivered to 20 holders on already-open connections. The owner's full
// Kith node runs here; the 20 holders are full Kith nodes serving the real share protocol
// (startShareProtocol), each with its own temp locker, in two child processes of ten
// (bench/net-holder.ts) so 21 libp2p nodes fit on 2 cores. One operation: the owner sends
// the share `deliver` message — the shared-record credential and that holder's consent
// receipt, made by deliveryChanges (src/app/sharing/releases.ts) and packed as the
// deliverer packs them (batches.ts) — to all 20 at once and waits for the 20 answers.
// Each holder checks the credential and the receipt, countersigns, and keeps both in one
// synced commit before answering. Making the payloads (the owner's commit) is not timed.
//   baseline: the same fan-out over raw TCP: the same 20 messages as length-prefixed JSON
//   frames over 20 open node:net sockets to servers in the same child processes that do
//   the same holder work (receiveDeliveries, on the same lockers) and answer with its
//   result. The ratio is what libp2p (Noise, Yamux, a kept stream per holder) and Kith's
//   framing add to a fan-out.
// Target: at most 2.5 times the baseline's time (rate ratio >= 0.4).
// Also printed: the network alone — the same requests answered with no holder work,
// libp2p against raw TCP echo servers — and where a holder's time goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { packSends } from '../src/app/sharing/batches.ts';
import { deliveryChanges } from '../src/app/sharing/releases.ts';
import type { RecordFacts } from '../src/app/records/record-credential.ts';
import { addProof } from '../src/credentials/data-integrity.ts';
import type { JsonObject } from '../src/credentials/types.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../src/net/node.ts';
import {
  SHARE_ASKING,
  SHARE_PROTOCOL,
  countersign,
  deliverAnswerSchema,
  receiveDeliveries,
  type DeliverAnswer,
  type DeliverRequest,
} from '../src/net/protocols/share/share-protocol.ts';
import { openLocker } from '../src/store/locker.ts';
import type { Contact } from '../src/trust/contacts.ts';
import type { Grant } from '../src/trust/grants.ts';
import type { OutboxItem } from '../src/trust/outbox.ts';
import { readSharedCredential } from '../src/trust/shared-credential.ts';
import { compareRates, report } from './harness.ts';

const NODE = new URL('../node_modules/.bin/node', import.meta.url).pathname;
const HOLDER = new URL('./net-holder.ts', import.meta.url).pathname;
const HOLDERS = 20;
const PROCESSES = 2;
const ROUND_MS = 1500;
/** Served by bench/net-holder.ts: the share request's framing and schema, no holder work. */
export const ACK_PROTOCOL = '/kith/bench-ack/1.0.0';

export interface HolderInfo {
  readonly address: string;
  readonly did: string;
  readonly peerId: string;
  /** Raw TCP server doing the holder's work (receiveDeliveries). */
  readonly workPort: number;
  /** Raw TCP server answering a fixed frame, no work. */
  readonly echoPort: number;
}

export interface HolderProcess {
  readonly child: ChildProcess;
  readonly holders: HolderInfo[];
  readonly lines: AsyncIterator<string>;
}

/** Starts bench/net-holder.ts with `count` holders whose one contact is `owner`. */
export async function startHolders(count: number, owner: OwnerKey, receiptBytes: number): Promise<HolderProcess> {
  const child = spawn(NODE, [HOLDER, String(count), owner.peerIdString, owner.did, String(receiptBytes)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done === true) throw new Error('holder process exited');
  return { child, holders: JSON.parse(first.value) as HolderInfo[], lines };
}

export async function resetHolders(holders: HolderProcess): Promise<void> {
  holders.child.stdin!.write('reset\n');
  const answer = await holders.lines.next();
  if (answer.value !== 'ok') throw new Error('holder reset failed');
}

export async function stopHolders(holders: HolderProcess): Promise<void> {
  const exited = once(holders.child, 'exit');
  holders.child.stdin!.end();
  await exited;
}

export function contactOf(holder: HolderInfo, i: number): Contact {
  return { peerId: holder.peerId, did: holder.did, petname: `holder ${i}`, kind: 'person', addrs: [holder.address], added: new Date().toISOString() };
}

export function benchGrant(id: string, recordIds: readonly string[]): Grant {
  return {
    id,
    to: { kind: 'circle', circleId: 'cbench' },
    records: recordIds.map((r) => ({ id: r })),
    purpose: 'Deliveries to my household',
    terms: [],
    created: new Date().toISOString(),
  };
}

export function recordFactsOf(id: string, version: number): RecordFacts {
  return {
    id,
    type: 'address',
    version,
    deleted: false,
    time: new Date().toISOString(),
    data: { streetAddress: `Rua Augusta ${version}`, addressLocality: 'Lisboa', postalCode: '1100-053', addressCountry: 'PT' },
  };
}

/** The deliver message for each holder, as the deliverer sends one record to each. */
export function deliverMessages(items: readonly OutboxItem[]): { peer: string; message: DeliverRequest }[] {
  return items.map((item) => {
    const [send] = packSends([item]);
    if (send?.kind !== 'deliver') throw new Error('expected one deliver message');
    return { peer: item.peer, message: send.message };
  });
}

/** The byte size of a holder's answer: one result and the receipt countersigned. */
export function answerBytes(owner: OwnerKey): number {
  const holder = OwnerKey.generate();
  const grant = benchGrant('g0123456789abcdef', ['rbench0000000000']);
  const contact: Contact = { peerId: holder.peerIdString, did: holder.did, petname: 'holder 0', kind: 'person', addrs: [], added: new Date().toISOString() };
  const [change] = deliveryChanges(owner, grant, [contact], [recordFactsOf('rbench0000000000', 1)]);
  const receipt = (change!.value as OutboxItem).message['receipt'] as JsonObject;
  return Buffer.byteLength(JSON.stringify({ results: [{ status: 'stored' }], receipts: [addProof(receipt, holder, { proofPurpose: 'assertionMethod' })] }));
}

/** A client over open sockets: sends one frame, resolves with the answer frame. */
class RawClient {
  readonly #socket: Socket;
  readonly #waiting: ((frame: Buffer) => void)[] = [];
  #buffered: Buffer = Buffer.alloc(0);

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
      while (this.#buffered.length >= 4 && this.#buffered.length >= 4 + this.#buffered.readUInt32BE(0)) {
        const length = this.#buffered.readUInt32BE(0);
        const frame = this.#buffered.subarray(4, 4 + length);
        this.#buffered = this.#buffered.subarray(4 + length);
        this.#waiting.shift()?.(frame);
      }
    });
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await once(socket, 'connect');
    return new RawClient(socket);
  }

  ask(message: unknown): Promise<Buffer> {
    const body = Buffer.from(JSON.stringify(message));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length, 0);
    const answered = new Promise<Buffer>((resolve) => this.#waiting.push(resolve));
    this.#socket.write(Buffer.concat([header, body]));
    return answered;
  }

  close(): void {
    this.#socket.destroy();
  }
}

/**
 * Where a holder's time goes for one delivery, measured in this process with a local
 * locker: verifying the shared record, checking and countersigning the receipt, and in
 * all (receiveDeliveries: both checks plus the one synced commit).
 */
export async function holderBreakdown(owner: OwnerKey, count = 200): Promise<string> {
  const holder = OwnerKey.generate();
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-breakdown-'));
  const locker = await openLocker(dir, holder);
  try {
    const contact: Contact = { peerId: holder.peerIdString, did: holder.did, petname: 'holder', kind: 'person', addrs: [], added: new Date().toISOString() };
    const ownerContact: Contact = { peerId: owner.peerIdString, did: owner.did, petname: 'owner', kind: 'person', addrs: [], added: new Date().toISOString() };
    const ids = Array.from({ length: count }, (_, i) => `rbd${String(i).padStart(10, '0')}`);
    const items = deliveryChanges(owner, benchGrant('gfedcba9876543210', ids), [contact], ids.map((id) => recordFactsOf(id, 1))).map((c) => c.value as OutboxItem);
    const messages = deliverMessages(items).map((m) => m.message);
    const t = { verify: 0, countersign: 0, total: 0 };
    for (const message of messages) {
      let at = performance.now();
      readSharedCredential(message.credentials[0], { owner: owner.did, holder: holder.did });
      t.verify += performance.now() - at;
      at = performance.now();
      countersign(message.receipts[0]!, owner.did, holder);
      t.countersign += performance.now() - at;
      at = performance.now();
      await receiveDeliveries(locker, holder, ownerContact, message);
      t.total += performance.now() - at;
    }
    const per = (ms: number) => `${((ms / count) * 1000).toFixed(0)} µs`;
    return (
      `holder CPU+disk per single-record delivery (in-process, ${count} deliveries): verify shared record ${per(t.verify)}, ` +
      `check + countersign receipt ${per(t.countersign)}; all of it with the synced commit ${per(t.total)}`
    );
  } finally {
    await locker.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Times only `op` (prepared by `prepare`, untimed) for about `ms`; operations per second. */
async function timedRate<T>(prepare: () => T, op: (input: T) => Promise<void>, ms = ROUND_MS): Promise<number> {
  let timed = 0;
  let done = 0;
  while (timed < ms) {
    const input = prepare();
    const before = performance.now();
    await op(input);
    timed += performance.now() - before;
    done++;
  }
  return (done * 1000) / timed;
}

export async function benchFanout(): Promise<void> {
  const owner = OwnerKey.generate();
  const bytes = answerBytes(owner);
  const processes = await Promise.all(Array.from({ length: PROCESSES }, () => startHolders(HOLDERS / PROCESSES, owner, bytes)));
  const infos = processes.flatMap((p) => p.holders);
  const contacts = infos.map(contactOf);
  let node: KithNode | undefined;
  const work: RawClient[] = [];
  const echo: RawClient[] = [];
  try {
    node = await createKithNode({ owner, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
    const kith = node;
    for (const info of infos) await kith.dial(info.address);
    for (const info of infos) work.push(await RawClient.open(info.workPort));
    for (const info of infos) echo.push(await RawClient.open(info.echoPort));

    const recordId = 'rfanout000000001';
    const grant = benchGrant('g00112233445566ff', [recordId]);
    let version = 0;
    // One update of the record: 20 deliver messages (credential + that holder's receipt).
    const payloads = () => deliverMessages(deliveryChanges(owner, grant, contacts, [recordFactsOf(recordId, ++version)]).map((c) => c.value as OutboxItem));
    // As the deliverer asks: the share protocol's sizes, a kept stream per holder.
    const asking = { responseSchema: deliverAnswerSchema, ...SHARE_ASKING };
    const stored = (answer: DeliverAnswer) => answer.results.length === 1 && answer.results[0]!.status === 'stored';

    const overRawTcp = () =>
      timedRate(payloads, async (messages) => {
        const answers = await Promise.all(messages.map(({ message }, i) => work[i]!.ask(message)));
        if (!answers.every((a) => stored(deliverAnswerSchema.parse(JSON.parse(a.toString('utf8')))))) throw new Error('baseline: a holder did not store the update');
      });
    const overKith = () =>
      timedRate(payloads, async (messages) => {
        const answers = await Promise.all(messages.map(({ peer, message }) => kith.request(peer, SHARE_PROTOCOL, message, asking)));
        if (!answers.every(stored)) throw new Error('a holder did not store the update');
      });
    const echoRawTcp = () =>
      timedRate(payloads, async (messages) => {
        const answers = await Promise.all(messages.map(({ message }, i) => echo[i]!.ask(message)));
        if (answers.some((a) => a.length !== bytes)) throw new Error('echo: wrong answer size');
      });
    const echoKith = () =>
      timedRate(payloads, async (messages) => {
        await Promise.all(messages.map(({ peer, message }) => kith.request(peer, ACK_PROTOCOL, message, asking)));
      });

    await overRawTcp();
    await overKith();
    const { baseline: b, subject: s } = await compareRates(overRawTcp, overKith);
    const network = await compareRates(echoRawTcp, echoKith, 3);
    console.log(`      holders: ${HOLDERS} full Kith nodes in ${PROCESSES} child processes of ${HOLDERS / PROCESSES}; answer ${bytes} bytes`);
    report(`one update to ${HOLDERS} holders (share deliver) vs the same fan-out over raw TCP`, 'ms/update', 1000 / b.rate, 1000 / s.rate, { atMost: 2.5 });
    console.log(
      `      the network alone (no holder work): libp2p + Kith framing ${(1000 / network.subject.rate).toFixed(1)} ms/update vs raw TCP echo ` +
        `${(1000 / network.baseline.rate).toFixed(2)} ms/update (${(network.baseline.rate / network.subject.rate).toFixed(0)}x)`,
    );
    console.log(`      ${await holderBreakdown(owner)}`);
  } finally {
    for (const client of [...work, ...echo]) client.close();
    await node?.stop();
    await Promise.all(processes.map(stopHolders));
  }
}

if (import.meta.main) await benchFanout();
