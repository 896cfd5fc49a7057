// recovery.start / session / cancel: the recovering device. In an empty data folder whose
// node runs (`kith start`), a session waits for friends' approvals on a node of its own
// (a temporary key: recovery-session-node.ts); when `threshold` of them are in, the key they
// rebuild is written to the keystore under the passphrase given at the start, the
// approving friends become contacts again, and the everyday node goes online with the same
// DID and PeerId as before. The passphrase and the session live only in this process: a
// daemon that stops ends the session (start another; friends approve again).
import { mkdir } from 'node:fs/promises';
import type { AppApi } from '../../api/contract.ts';
import type { RecoverySessionView } from '../../api/methods/recovery.ts';
import { KithError } from '../../base/errors.ts';
import type { OwnerKey } from '../../identity/identity.ts';
import { writeKeystore } from '../../identity/keystore.ts';
import type { KithNode } from '../../net/node.ts';
import { startRecoverySession } from '../../net/protocols/recovery/recovery-protocol.ts';
import type { ItemChange } from '../../store/locker.ts';
import { CONTACTS, contactSchema, generatedName, selfNameSchema, uniquePetname, type Contact } from '../../trust/contacts.ts';
import { recoveryCode } from '../../trust/recovery-code.ts';
import { RecoverySession, type AcceptResult, type ApprovalIn } from '../../trust/recovery-session.ts';
import type { SetupStatement } from '../../trust/recovery-statement.ts';
import type { AppContext } from '../context.ts';

type SessionApi = Pick<AppApi, 'recovery.start' | 'recovery.session' | 'recovery.cancel'>;

/** How long the session node stays up after the last approval: its answer must reach the friend. */
const LINGER_MS = 3_000;

interface Running {
  readonly session: RecoverySession;
  readonly node: KithNode;
  readonly code: string;
  readonly addresses: string[];
  readonly passphrase: string;
  state: 'waiting' | 'recovered' | 'failed';
  identity?: { did: string; peerId: string };
  /** Once recovered: the statement and the approvals that did it (the session forgets them). */
  statement?: SetupStatement;
  approvals?: readonly ApprovalIn[];
  problem?: string;
}

/** The approving friends as contacts: the name each gave, made unique; they can be renamed later. */
function friendContacts(approvals: readonly ApprovalIn[]): ItemChange[] {
  const taken: Contact[] = [];
  return approvals.map(({ approval, peerId }) => {
    const selfName = selfNameSchema.safeParse(approval.card.name);
    const name = selfName.success ? selfName.data : undefined;
    const contact = contactSchema.parse({
      peerId,
      did: approval.holder,
      petname: uniquePetname(name ?? generatedName('person', peerId), taken),
      kind: 'person',
      addrs: approval.card.addrs,
      added: new Date().toISOString(),
      named: name === undefined ? 'generated' : 'self',
      ...(name === undefined ? {} : { selfName: name }),
      shareName: false,
    });
    taken.push(contact);
    return { collection: CONTACTS, id: peerId, value: contact };
  });
}

export function recoverySessionService(ctx: AppContext, sessionNode: (key: OwnerKey) => Promise<KithNode>): SessionApi {
  let running: Running | undefined;

  const view = (): RecoverySessionView => {
    if (running === undefined) return { state: 'none', addresses: [], approvals: [], refused: 0 };
    const progress = running.session.progress();
    const approvals = running.approvals ?? progress.approvals;
    const owner = running.statement?.owner ?? progress.owner;
    const threshold = running.statement?.threshold ?? progress.threshold;
    return {
      state: running.state,
      code: running.code,
      sessionPeerId: running.session.key.peerIdString,
      addresses: running.addresses,
      started: running.session.started,
      ...(owner === undefined ? {} : { owner }),
      ...(threshold === undefined ? {} : { threshold }),
      approvals: approvals.map((a) => ({ did: a.approval.holder, peerId: a.peerId, ...(a.approval.card.name === undefined ? {} : { name: a.approval.card.name }), received: a.received })),
      refused: progress.refused,
      ...(running.identity === undefined ? {} : { identity: running.identity }),
      ...(running.problem === undefined ? {} : { problem: running.problem }),
    };
  };

  const stopNode = (ending: Running, after: number) => {
    const timer = setTimeout(() => void ending.node.stop().catch(() => undefined), after);
    timer.unref();
  };

  /** The key is back: keystore, owner, a fresh locker with the friends and the trail of their approvals. */
  async function complete(current: Running, result: Extract<AcceptResult, { status: 'recovered' }>): Promise<void> {
    const { owner, statement, approvals } = result;
    current.approvals = approvals;
    current.statement = statement;
    try {
      if (await ctx.hasIdentity()) throw new KithError('AlreadyExists', 'An identity appeared in this data folder during the recovery.');
      await mkdir(ctx.paths.home, { recursive: true, mode: 0o700 });
      const seed = owner.exportSeed();
      try {
        await writeKeystore(ctx.paths.keystore, seed, current.passphrase);
      } finally {
        seed.fill(0);
      }
      ctx.setOwner(owner);
      const locker = await ctx.locker();
      await locker.commit(owner, {
        items: friendContacts(approvals),
        audit: [
          ...approvals.map((a) => ({ kind: 'recovery.approval-received' as const, details: { peerId: a.peerId, did: a.approval.holder, setup: statement.setup, received: a.received } })),
          { kind: 'recovery.completed', details: { setup: statement.setup, threshold: statement.threshold, friends: approvals.map((a) => a.peerId) } },
        ],
      });
      current.state = 'recovered';
      current.identity = { did: owner.did, peerId: owner.peerIdString };
      ctx.emit('contacts.changed', {});
      ctx.emit('log.appended', {});
    } catch (error) {
      current.state = 'failed';
      current.problem = error instanceof KithError ? error.message : 'The recovered key could not be stored.';
      throw error;
    } finally {
      ctx.emit('recovery.changed', {});
      stopNode(current, LINGER_MS);
    }
  }

  return {
    async 'recovery.start'({ passphrase }) {
      if (await ctx.hasIdentity()) {
        throw new KithError('AlreadyExists', 'This data folder already has an identity; recovery starts in an empty one.', {
          hint: 'Choose another folder with --data-dir or KITH_HOME.',
        });
      }
      if (running?.state === 'waiting') return view();
      const session = new RecoverySession();
      const node = await sessionNode(session.key);
      const addresses = node.multiaddrs().map((a) => a.replace(/\/p2p\/[^/]+$/, ''));
      const started: Running = {
        session,
        node,
        addresses,
        passphrase,
        code: recoveryCode({ peer: session.key.peerIdString, nonce: session.nonce, addrs: addresses }),
        state: 'waiting',
      };
      try {
        await startRecoverySession({
          node,
          session,
          onAccepted: async (result) => {
            if (result.status === 'recovered') await complete(started, result);
            else ctx.emit('recovery.changed', {});
          },
        });
      } catch (error) {
        await node.stop().catch(() => undefined);
        throw error;
      }
      const previous = running;
      running = started;
      if (previous !== undefined) stopNode(previous, 0);
      ctx.emit('recovery.changed', {});
      return view();
    },

    async 'recovery.session'() {
      return view();
    },

    async 'recovery.cancel'() {
      const ending = running;
      if (ending === undefined) return view();
      running = undefined;
      ending.session.close();
      if (ending.state === 'waiting') stopNode(ending, 0);
      ctx.emit('recovery.changed', {});
      return view();
    },
  };
}
