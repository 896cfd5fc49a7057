// The chaos driver: one random operation at a time, through each node's own API (the typed
// client over its bridge) — an edit, a grant (to a person, or to a vendor under an
// agreement), a revocation, an agreement, the end of one — or a SIGKILL of a node or relay,
// which comes back after a random downtime. A refused or failed call (the vendor is down,
// say) is counted by its error code, not retried: the network must converge anyway.
import { KithError } from '../../src/base/errors.ts';
import type { ChaosNode } from './chaos-node.ts';
import type { Random } from './random.ts';
import { AGREEMENT_TERMS, PURPOSE, RECORD_TYPES, initialRecord, type Network } from './topology.ts';

export type OpKind = 'edit' | 'grant' | 'revoke' | 'agree' | 'end-agreement' | 'kill';

const WEIGHTS: Record<OpKind, number> = { edit: 40, grant: 20, revoke: 10, agree: 8, 'end-agreement': 4, kill: 6 };

export interface DriverStats {
  /** Operations that the node accepted, by kind. */
  readonly ok: Record<OpKind, number>;
  /** Refused or failed calls, by kind and error code. */
  readonly failed: Record<string, number>;
  kills: number;
  restarts: number;
  /** Nodes that would not come back (a violation). */
  readonly restartFailures: string[];
}

export class Driver {
  readonly #net: Network;
  readonly #random: Random;
  readonly #log: (line: string) => void;
  readonly #restarts = new Set<Promise<void>>();
  #edits = 1000;
  readonly stats: DriverStats = {
    ok: { edit: 0, grant: 0, revoke: 0, agree: 0, 'end-agreement': 0, kill: 0 },
    failed: {},
    kills: 0,
    restarts: 0,
    restartFailures: [],
  };

  constructor(net: Network, random: Random, log: (line: string) => void) {
    this.#net = net;
    this.#random = random;
    this.#log = log;
  }

  /** Random operations until `until` (ms since the epoch), a short random pause between them. */
  async run(until: number): Promise<void> {
    while (Date.now() < until) {
      const kind = this.#random.weighted(WEIGHTS);
      try {
        if (await this.#do(kind)) this.stats.ok[kind]++;
      } catch (error) {
        const code = error instanceof KithError ? error.code : 'untyped';
        const key = `${kind}:${code}`;
        this.stats.failed[key] = (this.stats.failed[key] ?? 0) + 1;
        if (code === 'untyped' || code === 'Internal') this.#log(`${kind} failed: ${String(error)}`);
      }
      await sleep(this.#random.int(50, 400));
    }
  }

  /** Every node up again (the quiet period starts from here). */
  async restoreAll(): Promise<void> {
    await Promise.all(this.#restarts);
    for (const node of this.#net.nodes) if (!node.alive) await this.#restart(node);
  }

  async #do(kind: OpKind): Promise<boolean> {
    if (kind === 'kill') return this.#kill();
    const owner = this.#random.pick(this.#net.people.filter((p) => p.alive));
    if (owner === undefined) return false;
    const api = owner.client;
    const petnames = this.#net.petnames.get(owner.name)!;
    if (kind === 'edit') {
      const id = this.#random.pick(this.#net.records.get(owner.name) ?? []);
      if (id === undefined) return false;
      const record = await api.call('data.get', { id });
      const type = RECORD_TYPES.find((t) => t === record.type) ?? 'email';
      await api.call('data.update', { id, data: initialRecord(type, this.#edits++).data });
      return true;
    }
    if (kind === 'grant') {
      const holder = this.#random.pick([...petnames.keys()]);
      if (holder === undefined) return false;
      const petname = petnames.get(holder)!;
      const isVendor = this.#net.vendors.some((v) => v.name === holder);
      if (isVendor) {
        const agreements = await api.call('agreements.list', {});
        if (!agreements.some((a) => a.status === 'active' && a.with.petname === petname)) return this.#do('agree');
      }
      const own = this.#net.records.get(owner.name) ?? [];
      const records = own.filter(() => this.#random.next() < 0.5);
      await api.call('grants.create', { to: petname, records: records.length === 0 ? [own[0]!] : records, purpose: PURPOSE });
      return true;
    }
    if (kind === 'revoke') {
      const grant = this.#random.pick((await api.call('grants.list', {})).filter((g) => g.live));
      if (grant === undefined) return false;
      await api.call('grants.revoke', { grant: grant.id });
      return true;
    }
    if (kind === 'agree') {
      const vendor = this.#random.pick(this.#net.vendors);
      const petname = vendor === undefined ? undefined : petnames.get(vendor.name);
      if (petname === undefined) return false;
      const answer = await api.call('agreements.propose', { vendor: petname, purpose: PURPOSE, terms: AGREEMENT_TERMS });
      if (!answer.accepted) throw new KithError('NotTrusted', `the vendor refused ${answer.refused.map((r) => r.id).join(', ')}`);
      return true;
    }
    const agreement = this.#random.pick((await api.call('agreements.list', {})).filter((a) => a.status === 'active' && a.role === 'customer'));
    if (agreement === undefined) return false;
    await api.call('agreements.end', { id: agreement.id });
    return true;
  }

  /** SIGKILLs a running node (at most a quarter of the network down at once) and schedules its return. */
  async #kill(): Promise<boolean> {
    const down = this.#net.nodes.filter((n) => !n.alive).length;
    if (down >= Math.max(1, Math.floor(this.#net.nodes.length / 4))) return false;
    const node = this.#random.pick(this.#net.nodes.filter((n) => n.alive));
    if (node === undefined) return false;
    await node.kill();
    this.stats.kills++;
    const downtime = this.#random.int(2_000, 15_000);
    this.#log(`killed ${node.name} (back in ${(downtime / 1000).toFixed(1)} s)`);
    const back = sleep(downtime)
      .then(() => this.#restart(node))
      .finally(() => this.#restarts.delete(back));
    this.#restarts.add(back);
    return true;
  }

  async #restart(node: ChaosNode): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await node.start();
        this.stats.restarts++;
        return;
      } catch (error) {
        this.#log(`restart ${attempt} of ${node.name} failed: ${String(error).slice(0, 300)}`);
        await node.kill();
      }
    }
    this.stats.restartFailures.push(node.name);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
