// The composition root: one Kith node's application, wired from its parts. Every
// transport (the in-process CLI now; Electron IPC and the browser bridge later) gets
// the same `transport`, so they all see exactly the same API.
import type { AppApi } from '../api/contract.ts';
import type { Transport } from '../api/client.ts';
import { AppContext, type EventListener } from './context.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { resolvePaths } from './paths.ts';
import { auditService } from './services/audit-service.ts';
import { bundleService } from './services/bundle-service.ts';
import { documentsService } from './services/documents-service.ts';
import { identityService } from './services/identity-service.ts';
import { peopleService } from './services/people-service.ts';
import { recordsService } from './services/records-service.ts';

export interface KithApp {
  readonly api: AppApi;
  readonly dispatch: Dispatch;
  readonly transport: Transport;
  /** Opens the locker now (a daemon takes the lock at start, not on the first call). */
  openLocker(): Promise<void>;
  /** Live updates for UIs; returns the function that unsubscribes. */
  onEvent(listener: EventListener): () => void;
  /** Problems found while working that the person should know about (e.g. a broken trail). */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openKithApp(options: { home: string }): Promise<KithApp> {
  const ctx = new AppContext(resolvePaths(options.home));
  const api: AppApi = {
    ...identityService(ctx),
    ...recordsService(ctx),
    ...documentsService(ctx),
    ...auditService(ctx),
    ...bundleService(ctx),
    ...peopleService(ctx),
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
    },
    async warnings() {
      const locker = await ctx.openedLocker();
      if (locker === undefined || locker.integrity.ok) return [];
      return [`the audit trail does not verify (${locker.integrity.problems[0]?.message ?? 'see kith log --verify'}); run \`kith log --verify\`.`];
    },
    close: () => ctx.close(),
  };
}
