// Checkbox lists keep what is ticked in a set; this is the one way they change it.

/** A copy of `set` with `value` in it (`on`) or out of it. */
export function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}
