// The owner's default terms (Settings) as a form's starting choices: the Share dialog and
// the Inbox's approve flow preselect them. Until the person changes something the form
// follows the defaults (so a change in Settings shows at once); after that, their choices.
import { useState } from 'react';
import type { SettingsView } from '../../src/api/methods/settings.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery, type Query } from '../state/use-query.ts';
import { FALLBACK_CHOICES, choicesFrom, type TermChoices } from './share-terms.ts';

export function useSettings(): Query<SettingsView> {
  const { client } = useKith();
  return useQuery(
    () => client.call('settings.get', {}),
    [],
    // An import (records.changed for no one record) may bring other settings with it.
    (event) => event.name === 'settings.changed' || (event.name === 'records.changed' && event.payload.id === undefined),
  );
}

/**
 * [the choices to show, set them, loaded]. If the defaults cannot be read, Kith's own are
 * used. `loaded` is false for the moment the defaults take to arrive: a form shows its
 * terms only then, so it never shows other terms first and swaps them under the pointer.
 */
export function usePreselectedTerms(): readonly [TermChoices, (next: TermChoices) => void, boolean] {
  const settings = useSettings();
  const [chosen, setChosen] = useState<TermChoices>();
  const defaults = settings.data === undefined ? FALLBACK_CHOICES : choicesFrom(settings.data.defaultTerms);
  return [chosen ?? defaults, setChosen, settings.data !== undefined || settings.error !== undefined];
}
