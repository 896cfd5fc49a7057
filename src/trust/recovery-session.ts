// The recovering node's session: a temporary key (its PeerId is in the code the person
// shows their friends), a nonce, and the approvals so far, grouped by setup. Every check
// an approval must pass is here, in this order, each failure a stable refusal:
//   malformed -> the sender is the approval's signer (the Noise-authenticated peer) ->
//   signatures (approval, owner's statement) -> the sender is one of the statement's
//   friends -> this session and nonce -> not a setup the owner has since replaced ->
//   not a second approval from the same friend -> the share opens with the session key
//   and matches its commitment.
// When `threshold` approvals of one setup are in, the shares are combined and the key
// they give must be the statement's owner; only then is the seed handed out.
import { randomBytes } from 'node:crypto';
import { OwnerKey } from '../identity/identity.ts';
import { openShare } from './recovery-seal.ts';
import { combineShares, shareCommitment } from './recovery-shares.ts';
import { commitmentFor, readApproval, type Approval, type SetupStatement } from './recovery-statement.ts';
import { RecoveryRefused } from './recovery-refusals.ts';

export interface ApprovalIn {
  readonly approval: Approval;
  readonly peerId: string;
  readonly received: string;
}

interface SetupGroup {
  readonly statement: SetupStatement;
  readonly approvals: Map<string, ApprovalIn & { share: Uint8Array }>;
}

export type AcceptResult =
  | { readonly status: 'accepted'; readonly approvals: number; readonly threshold: number }
  | { readonly status: 'recovered'; readonly owner: OwnerKey; readonly statement: SetupStatement; readonly approvals: readonly ApprovalIn[] };

export interface SessionProgress {
  readonly owner?: string;
  readonly setup?: string;
  readonly threshold?: number;
  readonly approvals: readonly ApprovalIn[];
  readonly refused: number;
}

export class RecoverySession {
  /** The session's own key: the recovering node's PeerId until recovery, and what shares are sealed to. */
  readonly key: OwnerKey;
  readonly nonce: string;
  readonly started: string;
  readonly #groups = new Map<string, SetupGroup>();
  /** The newest setup seen of each owner: older ones are refused. */
  readonly #newest = new Map<string, SetupStatement>();
  #recovered = false;
  #refused = 0;

  constructor(key: OwnerKey = OwnerKey.generate(), nonce: string = randomBytes(16).toString('base64url')) {
    this.key = key;
    this.nonce = nonce;
    this.started = new Date().toISOString();
  }

  get recovered(): boolean {
    return this.#recovered;
  }

  /** Checks and takes one approval from `sender` (its DID and PeerId, as authenticated). */
  async accept(value: unknown, sender: { did: string; peerId: string }): Promise<AcceptResult> {
    try {
      return await this.#accept(value, sender);
    } catch (error) {
      this.#refused++;
      throw error;
    }
  }

  async #accept(value: unknown, sender: { did: string; peerId: string }): Promise<AcceptResult> {
    if (this.#recovered) throw new RecoveryRefused('recovered');
    const { approval, statement } = readApproval(value, sender.did);
    if (approval.session !== this.key.peerIdString || approval.nonce !== this.nonce) throw new RecoveryRefused('replayed');
    const newest = this.#newest.get(statement.owner);
    if (newest !== undefined && newest.setup !== statement.setup && newest.created >= statement.created) throw new RecoveryRefused('old-setup');
    const group = this.#groups.get(statement.setup) ?? { statement, approvals: new Map() };
    if (group.approvals.has(approval.holder)) throw new RecoveryRefused('duplicate');
    let share: Uint8Array;
    try {
      share = openShare(approval.share, this.key, ['approve', statement.setup, approval.holder, this.key.peerIdString, this.nonce]);
    } catch {
      throw new RecoveryRefused('forged');
    }
    if (shareCommitment(statement.setup, approval.holder, share) !== commitmentFor(statement, approval.holder)) throw new RecoveryRefused('forged');
    // A newer setup of this owner: what older ones collected can never combine with it.
    if (newest?.setup !== statement.setup) {
      for (const [setup, other] of this.#groups) if (other.statement.owner === statement.owner) this.#forget(setup);
      this.#newest.set(statement.owner, statement);
    }
    group.approvals.set(approval.holder, { approval, peerId: sender.peerId, received: new Date().toISOString(), share });
    this.#groups.set(statement.setup, group);
    if (group.approvals.size < statement.threshold) return { status: 'accepted', approvals: group.approvals.size, threshold: statement.threshold };
    // Before the first await: an approval arriving while the shares combine is one too many.
    this.#recovered = true;
    let owner: OwnerKey;
    try {
      const seed = await combineShares([...group.approvals.values()].map((a) => a.share));
      owner = OwnerKey.fromSeed(seed);
      seed.fill(0);
    } catch (error) {
      this.#recovered = false;
      throw error;
    }
    // The commitments make this unreachable short of a broken hash; checked all the same.
    if (owner.did !== statement.owner) {
      this.#recovered = false;
      group.approvals.delete(approval.holder);
      throw new RecoveryRefused('forged');
    }
    const approvals = [...group.approvals.values()].map(({ share: _share, ...rest }) => rest);
    for (const setup of [...this.#groups.keys()]) this.#forget(setup);
    return { status: 'recovered', owner, statement, approvals };
  }

  #forget(setup: string): void {
    for (const approval of this.#groups.get(setup)?.approvals.values() ?? []) approval.share.fill(0);
    this.#groups.delete(setup);
  }

  /** The setup closest to its threshold, and its approvals. */
  progress(): SessionProgress {
    let best: SetupGroup | undefined;
    for (const group of this.#groups.values()) if (best === undefined || group.approvals.size / group.statement.threshold > best.approvals.size / best.statement.threshold) best = group;
    if (best === undefined) return { approvals: [], refused: this.#refused };
    return {
      owner: best.statement.owner,
      setup: best.statement.setup,
      threshold: best.statement.threshold,
      approvals: [...best.approvals.values()].map(({ share: _share, ...rest }) => rest),
      refused: this.#refused,
    };
  }

  /** Wipes what the session holds (it ended, or the daemon stops). */
  close(): void {
    for (const setup of [...this.#groups.keys()]) this.#forget(setup);
  }
}
