// A holder that reconnects and catches up on 10,000 changed records. The owner's full
// Kith node and its real deliverer (src/app/sharing/deliverer.ts) run here, with a temp
// locker whose outbox holds the changes; the holder is a full Kith node serving the real
// share protocol with its own temp locker, in a child process (bench/net-holder.ts). One
// round: 2,500 changed records (deliveryChanges under grants of 200 records, so each
// carries its grant's consent receipt) are queued in the outbox — not timed — and then
// the deliverer's flush for that holder is timed until the outbox is empty: reading the
// queue, packing batches, sending them, the holder's checks, countersigning and commit
// per batch, and the owner's commit of the receipts per batch. Four rounds: 10,000.
//   baseline: the signed-record import of bench/import.ts (importBundle: unpack, hash,
//   check, parse, JCS, verify, store) on a 10,000-record bundle, in the same run.
// Target: the catch-up rate is at least half the import rate.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBundle } from '../src/app/bundle/import-bundle.ts';
import { Deliverer } from '../src/app/sharing/deliverer.ts';
import { deliveryChanges } from '../src/app/sharing/releases.ts';
import { OwnerKey } from '../src/identity/identity.ts';
import { createKithNode, type KithNode } from '../src/net/node.ts';
import { openLocker, type Locker } from '../src/store/locker.ts';
import { saveContact } from '../src/trust/contacts.ts';
import { pending } from '../src/trust/outbox.ts';
import { compareRates, report } from './harness.ts';
import { signedBundle } from './signed-bundle.ts';
import { answerBytes, benchGrant, contactOf, recordFactsOf, startHolders, stopHolders } from './net-fanout.ts';

const RECORDS = 10_000;
const ROUNDS = 4;
const PER_GRANT = 200;

export async function benchCatchup(): Promise<void> {
  const { owner: bundleOwner, path: bundle } = await signedBundle(RECORDS);
  const owner = OwnerKey.generate();
  const holders = await startHolders(1, owner, answerBytes(owner));
  const dir = await mkdtemp(join(tmpdir(), 'kith-bench-owner-'));
  let node: KithNode | undefined;
  let locker: Locker | undefined;
  let deliverer: Deliverer | undefined;
  try {
    locker = await openLocker(dir, owner);
    const ownerLocker = locker;
    node = await createKithNode({ owner, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, useRelays: false });
    const holder = contactOf(holders.holders[0]!, 0);
    await saveContact(ownerLocker, owner, holder);
    await node.dial(holder.addrs[0]!);
    // Not started: no sweep timer or connect hook, only the flushes timed below.
    deliverer = new Deliverer({ node, locker: async () => ownerLocker, signer: () => owner, onDelivered: () => undefined });
    const kith = deliverer;

    let round = 0;
    const perRound = RECORDS / ROUNDS;
    const queueRound = async () => {
      const r = round++;
      for (let g = 0; g < perRound / PER_GRANT; g++) {
        const ids = Array.from({ length: PER_GRANT }, (_, i) => `rc${String(r * perRound + g * PER_GRANT + i).padStart(12, '0')}`);
        const grant = benchGrant(`g${(r * 1000 + g).toString(16).padStart(16, '0')}`, ids);
        await ownerLocker.commit(owner, { items: deliveryChanges(owner, grant, [holder], ids.map((id) => recordFactsOf(id, 2))), audit: [] });
      }
    };
    const catchUp = async () => {
      await queueRound();
      const started = performance.now();
      await kith.flush(holder.peerId);
      const rate = (perRound * 1000) / (performance.now() - started);
      const left = await pending(ownerLocker);
      if (left.length > 0) throw new Error(`${left.length} deliveries still waiting after the flush`);
      return rate;
    };
    const importRate = async () => {
      const importDir = await mkdtemp(join(tmpdir(), 'kith-import-run-'));
      try {
        const target = await openLocker(importDir, bundleOwner);
        const started = performance.now();
        const summary = await importBundle(target, bundleOwner, bundle);
        const rate = (summary.versions * 1000) / (performance.now() - started);
        await target.close();
        if (summary.versions !== RECORDS) throw new Error(`imported ${summary.versions} of ${RECORDS}`);
        return rate;
      } finally {
        await rm(importDir, { recursive: true, force: true });
      }
    };
    await importRate();
    const { baseline, subject } = await compareRates(importRate, catchUp, ROUNDS);
    console.log(`      catch-up rounds (records/s): ${subject.rounds.map((r) => r.toFixed(0)).join(', ')}; import rounds: ${baseline.rounds.map((r) => r.toFixed(0)).join(', ')}`);
    report(`catch up on ${RECORDS / 1000}k changed records (deliverer, batched) vs signed-record import`, 'records/s', baseline.rate, subject.rate, { atLeast: 0.5 });
  } finally {
    deliverer?.stop();
    await node?.stop();
    await locker?.close();
    await stopHolders(holders);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchCatchup();
