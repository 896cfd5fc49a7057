// Paths the person handed to the app in this session. Contract methods take file paths
// (the core reads and writes files itself), so without this a script injected into the
// page could ask the node to read ~/.ssh or overwrite ~/.bashrc. In the desktop app a
// path is accepted only if the person dropped or picked that file (read), or chose it in
// a save dialog (write): the page cannot make up either.
import type { MethodName } from '../src/api/contract.ts';

export type Access = 'read' | 'write';

/** Which input field of which method is a path, and what the method does with it. */
export const PATH_FIELDS: Readonly<Partial<Record<MethodName, { readonly field: string; readonly access: Access }>>> = {
  'doc.add': { field: 'path', access: 'read' },
  'doc.get': { field: 'outPath', access: 'write' },
  'shared.get': { field: 'outPath', access: 'write' },
  'vendor.export': { field: 'outPath', access: 'write' },
  'bundle.export': { field: 'path', access: 'write' },
  'bundle.import': { field: 'path', access: 'read' },
  'verify.file': { field: 'path', access: 'read' },
  // An import's errors quote what they could not read: ungated, any file could be read out through them.
  'data.import': { field: 'path', access: 'read' },
};

const MAX_GRANTS = 256;
const GRANT_LIFETIME_MS = 30 * 60 * 1000;

export class PathGrants {
  readonly #grants = new Map<string, { access: Access; until: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  grant(path: string, access: Access): void {
    // A path chosen for writing may also be read back; a dropped file may not be overwritten.
    const previous = this.#grants.get(path);
    this.#grants.delete(path);
    const kept: Access = previous?.access === 'write' ? 'write' : access;
    this.#grants.set(path, { access: kept, until: this.#now() + GRANT_LIFETIME_MS });
    // Oldest first: a Map iterates in insertion order.
    while (this.#grants.size > MAX_GRANTS) this.#grants.delete(this.#grants.keys().next().value as string);
  }

  allows(path: string, access: Access): boolean {
    const grant = this.#grants.get(path);
    if (grant === undefined || grant.until < this.#now()) return false;
    return access === 'read' || grant.access === 'write';
  }
}

/**
 * Undefined when the call may go on; otherwise why not. Inputs of the wrong shape pass
 * through: the dispatcher's schema refuses them with its own message.
 */
export function ungrantedPath(method: MethodName, input: unknown, grants: PathGrants): string | undefined {
  const spec = PATH_FIELDS[method];
  if (spec === undefined || typeof input !== 'object' || input === null) return undefined;
  const path = (input as Record<string, unknown>)[spec.field];
  if (typeof path !== 'string') return undefined;
  return grants.allows(path, spec.access) ? undefined : path;
}
