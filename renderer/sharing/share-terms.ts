// The term presets a grant can carry, in the words both sides see, and how the form's
// choices become the `terms` string of grants.create (src/trust/terms.ts parses it) — and
// back, from the owner's default terms (settings.get answers in the same spelling).
export interface TermChoices {
  readonly presets: ReadonlySet<PresetId>;
  readonly deleteAfterDays: string;
  readonly breachHours: string;
  /** Clauses in the owner's words, one box each (empty boxes are left out). */
  readonly clauses: readonly string[];
}

/** As many as a grant takes (src/trust/terms.ts MAX_CUSTOM_CLAUSES), defaults included. */
export const MAX_CLAUSES = 10;

export type PresetId = 'delivery-only' | 'no-tracking' | 'no-onward-sharing' | 'delete-on-revocation' | 'delete-after' | 'breach-notice';

export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: 'delivery-only', label: 'Use only to deliver what I asked for' },
  { id: 'no-tracking', label: 'No tracking or profiling' },
  { id: 'no-onward-sharing', label: 'No onward sharing or sale' },
  { id: 'delete-on-revocation', label: 'Delete it when I revoke access' },
  { id: 'delete-after', label: 'Delete it after a number of days' },
  {
    id: 'breach-notice',
    label: 'Tell me of any breach within a number of hours',
  },
];

/**
 * What a form starts from if the owner's defaults cannot be read: Kith's own defaults
 * (src/trust/default-terms.ts KITH_DEFAULT_TERMS).
 */
export const FALLBACK_CHOICES: TermChoices = {
  presets: new Set<PresetId>(['no-onward-sharing', 'delete-on-revocation']),
  deleteAfterDays: '30',
  breachHours: '48',
  clauses: [''],
};

export type TermProblems = Partial<Record<'deleteAfterDays' | 'breachHours' | 'clause', string>>;

/** The presets string and the custom clauses, or what is wrong with them. */
export function termsFrom(choices: TermChoices): { terms: string; clauses: string[] } | { problems: TermProblems } {
  const problems: TermProblems = {};
  const parts: string[] = [];
  for (const preset of PRESETS) {
    if (!choices.presets.has(preset.id)) continue;
    if (preset.id === 'delete-after') {
      const days = wholeNumber(choices.deleteAfterDays, 1, 3650);
      if (days === undefined) problems.deleteAfterDays = 'Days must be a whole number from 1 to 3650.';
      else parts.push(`delete-after-${days}d`);
    } else if (preset.id === 'breach-notice') {
      const hours = wholeNumber(choices.breachHours, 1, 720);
      if (hours === undefined) problems.breachHours = 'Hours must be a whole number from 1 to 720.';
      else parts.push(`breach-notice-${hours}h`);
    } else parts.push(preset.id);
  }
  const clauses = choices.clauses.map((clause) => clause.trim()).filter((clause) => clause !== '');
  const long = choices.clauses.findIndex((clause) => clause.trim().length > 500);
  if (long !== -1) problems.clause = choices.clauses.length === 1 ? 'Keep your own clause under 500 characters.' : `Keep clause ${long + 1} under 500 characters.`;
  else if (clauses.length > MAX_CLAUSES) problems.clause = `At most ${MAX_CLAUSES} clauses of your own.`;
  if (Object.keys(problems).length > 0) return { problems };
  return { terms: parts.join(','), clauses };
}

/**
 * The form's choices from terms as settings.get spells them (`no-tracking,delete-after-30d,
 * breach-notice-48h`, and the clause). A preset this UI does not know (from a newer node) is
 * left out rather than guessed at.
 */
export function choicesFrom(terms: { terms: string; clauses: readonly string[] }): TermChoices {
  const presets = new Set<PresetId>();
  let { deleteAfterDays, breachHours } = FALLBACK_CHOICES;
  for (const part of terms.terms.split(',').map((s) => s.trim())) {
    const days = /^delete-after-(\d{1,4})d?$/.exec(part);
    const hours = /^breach-notice(?:-(\d{1,3})h)?$/.exec(part);
    if (days?.[1] !== undefined) {
      presets.add('delete-after');
      deleteAfterDays = days[1];
    } else if (hours !== null) {
      presets.add('breach-notice');
      breachHours = hours[1] ?? '48';
    } else if (PRESETS.some((preset) => preset.id === part)) presets.add(part as PresetId);
  }
  return { presets, deleteAfterDays, breachHours, clauses: terms.clauses.length === 0 ? [''] : terms.clauses.slice(0, MAX_CLAUSES) };
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,6}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}
