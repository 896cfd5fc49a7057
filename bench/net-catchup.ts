// A holder that reconnects and catches up on 10,000 changed records: 10,000 share
// `deliver` messages (50 grants of 200 records each, made by deliveryChanges, so each
// carries its grant's consent receipt) from the owner's full Kith node here to one holder
// (a full Kith node serving the real share protocol, with its own temp locker, in a child
// process: bench/net-holder.ts) over an open connection, one at a time, as the deliverer
// sends a peer's queue. Measured in 4 rounds of 2,500 deliveries. Only the sending is
// timed, not making the payloads, and the owner's own bookkeeping per answer (the
// deliverer's receipt commit and markDelivered) is not done.
//   baseline: the signed-record import of bench/import.ts (importBundle: unpack, hash,
//   check, parse, JCS, verify, store) on a 10,000-record bundle, in the same run.
// Target: the catch-up rate is at least half the import rate.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBundle } from '../src/app/bundle/import-bundle.ts';
import { deliveryChanges } from '../src/app/sharing/releases.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../src/net/node.ts';
import { SHARE_PROTOCOL, deliverAnswerSchema } from '../src/net/protocols/share/share-protocol.ts';
import { openLocker } from '../src/store/locker.ts';
import type { OutboxItem } from '../src/trust/outbox.ts';
import { compareRates, report } from './harness.ts';
import { signedBundle } from './signed-bundle.ts';
import { ACK_PROTOCOL, answerBytes, benchGrant, contactOf, holderBreakdown, recordFactsOf, startHolders, stopHolders } from './net-fanout.ts';

const RECORDS = 10_000;
const ROUNDS = 4;
const PER_GRANT = 200;


export async function benchCatchup(): Promise<void> {
  const { owner: bundleOwner, path: bundle } = await signedBundle(RECORDS);
  const owner = OwnerKey.generate();
  const holders = await startHolders(1, owner, answerBytes(owner));
  let node: KithNode | undefined;
  try {
    node = await createKithNode({ owner, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
    const kith = node;
    const holder = contactOf(holders.holders[0]!, 0);
    await kith.dial(holder.addrs[0]!);

    // The queue the holder catches up on: 10,000 changed records under 50 grants.
    const made = performance.now();
    const queue: OutboxItem[] = [];
    for (let g = 0; g < RECORDS / PER_GRANT; g++) {
      const ids = Array.from({ length: PER_GRANT }, (_, i) => `rc${String(g * PER_GRANT + i).padStart(12, '0')}`);
      const grant = benchGrant(`g${g.toString(16).padStart(16, '0')}`, ids);
      queue.push(...deliveryChanges(owner, grant, [holder], ids.map((id) => recordFactsOf(id, 2))).map((c) => c.value as OutboxItem));
    }
    console.log(`      made ${queue.length} deliveries in ${((performance.now() - made) / 1000).toFixed(1)} s (not timed)`);
    // Warm the path on a few records the rounds do not send again.
    const warm = deliveryChanges(owner, benchGrant('gffffffffffffffff', ['rwarm0000001']), [holder], [recordFactsOf('rwarm0000001', 1)]);
    for (const c of warm) await kith.request(holder.peerId, SHARE_PROTOCOL, (c.value as OutboxItem).message, { responseSchema: deliverAnswerSchema });

    let next = 0;
    const perRound = RECORDS / ROUNDS;
    const catchUp = async () => {
      const slice = queue.slice(next, next + perRound);
      next += perRound;
      const started = performance.now();
      for (const item of slice) {
        const answer = await kith.request(item.peer, SHARE_PROTOCOL, item.message, { responseSchema: deliverAnswerSchema });
        if (answer.status !== 'stored') throw new Error('the holder did not store a delivery');
      }
      return (slice.length * 1000) / (performance.now() - started);
    };
    const importRate = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kith-import-run-'));
      try {
        const locker = await openLocker(dir, bundleOwner);
        const started = performance.now();
        const summary = await importBundle(locker, bundleOwner, bundle);
        const rate = (summary.versions * 1000) / (performance.now() - started);
        await locker.close();
        if (summary.versions !== RECORDS) throw new Error(`imported ${summary.versions} of ${RECORDS}`);
        return rate;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    await importRate();
    const { baseline, subject } = await compareRates(importRate, catchUp, ROUNDS);
    console.log(`      catch-up rounds (records/s): ${subject.rounds.map((r) => r.toFixed(0)).join(', ')}; import rounds: ${baseline.rounds.map((r) => r.toFixed(0)).join(', ')}`);
    report(`catch up on ${RECORDS / 1000}k deliveries (share protocol, sequential) vs signed-record import`, 'records/s', baseline.rate, subject.rate, { atLeast: 0.5 });
    const acked = performance.now();
    const sample = queue.slice(0, 1000);
    for (const item of sample) await kith.request(item.peer, ACK_PROTOCOL, item.message, { responseSchema: deliverAnswerSchema });
    const ackMs = (performance.now() - acked) / sample.length;
    console.log(`      breakdown: per delivery ${(1000 / subject.rate).toFixed(2)} ms end to end; the same request with no holder work (Kith framing + libp2p only): ${ackMs.toFixed(2)} ms`);
    console.log(`      ${await holderBreakdown(owner)}`);
  } finally {
    await node?.stop();
    await stopHolders(holders);
  }
}

if (import.meta.main) await benchCatchup();
