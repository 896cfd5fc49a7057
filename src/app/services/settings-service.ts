// settings.*: the owner's default terms, read and changed through the same terms parser as
// grants (so a preset that a grant would refuse is refused here too, as InvalidInput).
import type { AppApi } from '../../api/contract.ts';
import type { SettingsView } from '../../api/methods/settings.ts';
import { customClauses, defaultTermsFrom, getDefaultTerms, presetsText, setDefaultTerms, type DefaultTerms } from '../../trust/default-terms.ts';
import { describeClause } from '../../trust/terms.ts';
import type { AppContext } from '../context.ts';

type SettingsApi = Pick<AppApi, 'settings.get' | 'settings.set'>;

function settingsView(defaults: DefaultTerms): SettingsView {
  return {
    defaultTerms: {
      terms: presetsText(defaults.terms),
      clauses: customClauses(defaults.terms),
      described: defaults.terms.map(describeClause),
    },
    ...(defaults.updated === undefined ? {} : { updated: defaults.updated }),
  };
}

export function settingsService(ctx: AppContext): SettingsApi {
  return {
    async 'settings.get'() {
      return settingsView(await getDefaultTerms(await ctx.locker()));
    },

    async 'settings.set'({ defaultTerms }) {
      // Parse before asking for the key, so bad input is InvalidInput even when locked.
      const terms = defaultTermsFrom(defaultTerms.terms, defaultTerms.clauses);
      const saved = await setDefaultTerms(await ctx.locker(), ctx.signer(), terms);
      ctx.emit('settings.changed', {});
      ctx.emit('log.appended', {});
      return settingsView(saved);
    },
  };
}
