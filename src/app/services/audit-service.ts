// log.*: the owner's audit trail, shown and checked.
import type { AppApi } from '../../api/contract.ts';
import { entryHash } from '../../store/audit-entry.ts';
import type { AppContext } from '../context.ts';

type AuditApi = Pick<AppApi, 'log.list' | 'log.verify'>;

export function auditService(ctx: AppContext): AuditApi {
  return {
    async 'log.list'({ from, limit, kind }) {
      const locker = await ctx.locker();
      const entries = await locker.audit.entries({ from, limit: limit ?? 1000, kind });
      return entries.map((entry) => ({ ...entry, hash: entryHash(entry) }));
    },
    async 'log.verify'() {
      const report = await (await ctx.locker()).audit.verifyChain();
      return { ok: report.ok, count: report.count, problems: report.problems.map((problem) => ({ ...problem })) };
    },
  };
}
