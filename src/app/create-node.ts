// The composition root: one Kith node's application, wired from its parts. Every
// transport (the in-process CLI now; Electron IPC and the browser bridge later) gets
// the same `transport`, so they all see exactly the same API.
import type { AppApi } from '../api/contract.ts';
import type { Transport } from '../api/client.ts';
import { AppContext, type EventListener } from './context.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { resolvePaths } from './paths.ts';
import { auditService } from './services/audit-service.ts';
import { activityService } from './services/activity-service.ts';
import { bundleService } from './services/bundle-service.ts';
import { documentsService } from './services/documents-service.ts';
import { identityService } from './services/identity-service.ts';
import { networkService } from './services/network-service.ts';
import { peopleService } from './services/people-service.ts';
import { sharingService } from './services/sharing-service.ts';
import { sharedFilesService } from './services/shared-files-service.ts';
import { agreementsService } from './services/agreements-service.ts';
import { requestsService } from './services/requests-service.ts';
import { settingsService } from './services/settings-service.ts';
import { conversationsService } from './services/conversations-service.ts';
import { importService } from './services/import-service.ts';
import type { Network, NetworkOptions } from './network.ts';
import { recordsService } from './services/records-service.ts';
import { vendorService } from './services/vendor-service.ts';
import type { WebhookWorker } from '../vendor/webhooks/webhook-worker.ts';
import { VendorStoreHandle, chooseVendorStore, type VendorChoice } from './vendor-store-choice.ts';
import { RetentionRunner } from './receipts/retention-runner.ts';
import { receiptsService } from './services/receipts-service.ts';
import { KithError } from '../base/errors.ts';
import type { KithNode } from '../net/node.ts';
import { recoveryService } from './services/recovery-service.ts';
import { vendorComplianceService } from './services/vendor-compliance-service.ts';
import { recoverySessionService } from './services/recovery-session-service.ts';
import type { startSessionNode } from './recovery-session-node.ts';

export interface KithApp {
  readonly api: AppApi;
  readonly dispatch: Dispatch;
  readonly transport: Transport;
  /**
   * Puts the node online (a daemon does this): now if the key is unlocked, otherwise as
   * soon as it is. Failures to start are reported through `onNetworkError`.
   */
  startNetwork(options: NetworkOptions, onNetworkError: (error: unknown) => void): Promise<void>;
  /** Opens the locker now (a daemon takes the lock at start, not on the first call). */
  openLocker(): Promise<void>;
  /** Live updates for UIs; returns the function that unsubscribes. */
  onEvent(listener: EventListener): () => void;
  /** Problems found while working that the person should know about (e.g. a broken trail). */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openKithApp(options: { home: string; vendor?: VendorChoice }): Promise<KithApp> {
  // A vendor node keeps what customers share in its vendor store; a person's node in its locker.
  const spec = await chooseVendorStore(options.home, options.vendor);
  const paths = resolvePaths(options.home);
  const vendorStore = spec === undefined ? undefined : new VendorStoreHandle(spec, () => ctx.locker());
  const ctx: AppContext = new AppContext(paths, vendorStore === undefined ? {} : { holdings: async () => (await vendorStore.store()).holdings((await ctx.identity()).did), vendor: vendorStore });
  let network: Network | undefined;
  let starting: Promise<void> | undefined;
  let webhooks: Promise<WebhookWorker> | undefined;
  let retention: RetentionRunner | undefined;
  let wanted: { options: NetworkOptions; onError: (error: unknown) => void } | undefined;
  const bringOnline = async () => {
    if (wanted === undefined || network !== undefined || ctx.owner === undefined) return;
    // The network stack (libp2p and its modules: about 0.6 s of the core's load here) is
    // loaded only when the node goes online, so that a `kith` command run in process,
    // which never does, starts in about half the time (1.3 s -> 0.7 s for `data list`).
    const { options } = wanted;
    starting ??= import('./network.ts')
      .then(({ Network }) => Network.start(ctx, options))
      .then((started) => {
        network = started;
        // A vendor node online carries out the deletions its customers' terms scheduled.
        if (vendorStore !== undefined && retention === undefined) {
          retention = new RetentionRunner({ store: () => vendorStore.store(), locker: () => ctx.locker(), signer: () => ctx.signer(), onQueued: () => ctx.emit('grants.changed', {}) });
          retention.start();
        }
      })
      .catch(wanted.onError)
      .finally(() => {
        starting = undefined;
      });
    await starting;
  };
  ctx.onEvent((event) => {
    if (event.name === 'identity.changed') void bringOnline();
  });
  // A recovering device's session nodes: only inside a running daemon, with its network options.
  const sessionNodes = new Set<KithNode>();
  const sessionNode = async (key: Parameters<typeof startSessionNode>[0]): Promise<KithNode> => {
    if (wanted === undefined) {
      throw new KithError('Unreachable', 'Recovery needs this device’s node running, to wait for your friends.', {
        hint: 'Start it with `kith start` in this (empty) data folder, then run `kith recovery start` again.',
      });
    }
    const { startSessionNode: start } = await import('./recovery-session-node.ts'); // libp2p, loaded when needed (as for Network)
    const node = await start(key, wanted.options);
    sessionNodes.add(node); // stopped again on close: a second stop of a stopped node does nothing
    return node;
  };
  const api: AppApi = {
    ...identityService(ctx),
    ...recordsService(ctx),
    ...documentsService(ctx),
    ...auditService(ctx),
    ...activityService(ctx),
    ...bundleService(ctx),
    ...peopleService(ctx),
    ...networkService(ctx, () => network),
    ...sharingService(ctx, () => network?.fetcher),
    ...sharedFilesService(ctx, () => network?.fetcher),
    ...agreementsService(ctx, () => network),
    ...requestsService(ctx, () => network),
    ...settingsService(ctx),
    ...vendorService(vendorStore),
    ...receiptsService(ctx, vendorStore),
    ...importService(ctx),
    ...recoveryService(ctx, () => network),
    ...recoverySessionService(ctx, sessionNode),
    ...vendorComplianceService(ctx),
    ...conversationsService(ctx),
  };
  const dispatch = createDispatcher(api, {
    onInternalError: (method, error) => {
      if (process.env['KITH_DEBUG'] === '1') console.error(`internal error in ${method}:`, error);
    },
  });
  return {
    api,
    dispatch,
    transport: (method, input) => dispatch(method, input),
    onEvent: (listener) => ctx.onEvent(listener),
    openLocker: async () => {
      await ctx.locker();
      // A vendor daemon opens and migrates its store before it goes online, not on the first
      // delivery: PGlite's first start takes seconds of WASM on the main thread, during which
      // the node could answer no one (invites timed out as Unreachable). A database server
      // not up yet does not stop the start; it is retried on first use.
      await vendorStore
        ?.store()
        .then((store) => store.ready())
        .catch(() => undefined);
    },
    startNetwork: async (networkOptions, onError) => {
      wanted = { options: networkOptions, onError };
      await bringOnline();
      // A running vendor node sends its CRM webhooks (a CLI call in process does not).
      if (vendorStore !== undefined && webhooks === undefined) {
        webhooks = vendorStore.store().then((store) => {
          const worker = store.webhookWorker();
          worker.start();
          return worker;
        });
        webhooks.catch(() => {
          webhooks = undefined;
        });
      }
    },
    async warnings() {
      const locker = await ctx.openedLocker();
      if (locker === undefined) return [];
      const warnings: string[] = [];
      if (!locker.integrity.ok) {
        warnings.push(`the audit trail does not verify (${locker.integrity.problems[0]?.message ?? 'see kith log --verify'}); run \`kith log --verify\`.`);
      }
      const damaged = locker.damaged();
      if (damaged.length > 0) {
        warnings.push(`the stored data of ${damaged.join(', ')} failed its integrity check and was left out; restore it from a backup or an exported bundle.`);
      }
      return warnings;
    },
    close: async () => {
      wanted = undefined;
      for (const node of [...sessionNodes]) await node.stop().catch(() => undefined);
      await starting;
      await retention?.stop();
      retention = undefined;
      await network?.stop();
      network = undefined;
      await (await webhooks?.catch(() => undefined))?.stop();
      webhooks = undefined;
      await vendorStore?.close();
      await ctx.close();
    },
  };
}
