// settings.*: the owner's default terms, read and changed through the same terms parser as
// grants (so a preset that a grant would refuse is refused here too, as InvalidInput), and
// whether read receipts are sent.
import type { AppApi } from '../../api/contract.ts';
import type { SettingsView } from '../../api/methods/settings.ts';
import { customClauses, defaultTermsFrom, getDefaultTerms, presetsText, setDefaultTerms, type DefaultTerms } from '../../trust/default-terms.ts';
import { readReceiptsOn, setReadReceipts } from '../../trust/read-receipts.ts';
import { describeClause } from '../../trust/terms.ts';
import type { AppContext } from '../context.ts';

type SettingsApi = Pick<AppApi, 'settings.get' | 'settings.set'>;

function settingsView(defaults: DefaultTerms, readReceipts: boolean): SettingsView {
  return {
    defaultTerms: {
      terms: presetsText(defaults.terms),
      clauses: customClauses(defaults.terms),
      described: defaults.terms.map(describeClause),
    },
    ...(defaults.updated === undefined ? {} : { updated: defaults.updated }),
    readReceipts,
  };
}

export function settingsService(ctx: AppContext): SettingsApi {
  return {
    async 'settings.get'() {
      const locker = await ctx.locker();
      return settingsView(await getDefaultTerms(locker), await readReceiptsOn(locker));
    },

    async 'settings.set'({ defaultTerms, readReceipts }) {
      // Parse before asking for the key, so bad input is InvalidInput even when locked.
      const terms = defaultTerms === undefined ? undefined : defaultTermsFrom(defaultTerms.terms, defaultTerms.clauses);
      const locker = await ctx.locker();
      const saved = terms === undefined ? await getDefaultTerms(locker) : await setDefaultTerms(locker, ctx.signer(), terms);
      if (readReceipts !== undefined && readReceipts !== (await readReceiptsOn(locker))) await setReadReceipts(locker, ctx.signer(), readReceipts);
      ctx.emit('settings.changed', {});
      ctx.emit('log.appended', {});
      return settingsView(saved, await readReceiptsOn(locker));
    },
  };
}
