// What the packaged app needs from node_modules. Vite bundles the main process into
// .vite/build, and Forge's Vite plugin packages only that folder — but a native addon
// (LevelDB's classic-level) cannot be bundled: it loads its .node file from its own
// package folder. So native packages stay external, and the packaged app gets exactly
// those packages and what they depend on (electron/forge issues #3738, #3917).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A package that loads a compiled addon through one of these is native. */
const NATIVE_LOADERS = ['node-gyp-build', 'bindings', 'prebuild-install', 'node-gyp-build-optional-packages'];

interface PackageJson {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly gypfile?: boolean;
}

function readPackage(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** Node's lookup: `from`/node_modules/name, then each parent's, up to the project. */
export function resolvePackageDir(projectDir: string, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectDir) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function dependenciesOf(pkg: PackageJson): string[] {
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
}

function isNative(dir: string, pkg: PackageJson): boolean {
  if (pkg.gypfile === true || existsSync(join(dir, 'binding.gyp')) || existsSync(join(dir, 'prebuilds'))) return true;
  return dependenciesOf(pkg).some((name) => NATIVE_LOADERS.includes(name));
}

/** Every installed package reachable from the project's `dependencies`: name → folder. */
function walk(projectDir: string, roots: readonly string[], from: string, visit: (name: string, dir: string, pkg: PackageJson) => boolean): void {
  const seen = new Set<string>();
  const queue: { name: string; from: string }[] = roots.map((name) => ({ name, from }));
  while (queue.length > 0) {
    const { name, from: parent } = queue.shift() as { name: string; from: string };
    const dir = resolvePackageDir(projectDir, parent, name);
    if (dir === undefined || seen.has(dir)) continue; // an optional dependency not installed here
    seen.add(dir);
    const pkg = readPackage(dir);
    if (pkg === undefined) continue;
    if (visit(name, dir, pkg)) for (const dependency of dependenciesOf(pkg)) queue.push({ name: dependency, from: dir });
  }
}

/** Names of the native packages among the project's runtime dependencies. */
export function findNativePackages(projectDir: string): string[] {
  const project = readPackage(projectDir) ?? {};
  const found = new Set<string>();
  walk(projectDir, Object.keys(project.dependencies ?? {}), projectDir, (name, dir, pkg) => {
    if (isNative(dir, pkg)) found.add(name);
    return true;
  });
  return [...found].sort();
}

/** The folders (relative to the project, with '/') of `names` and all they depend on. */
export function runtimeClosure(projectDir: string, names: readonly string[]): string[] {
  const dirs = new Set<string>();
  walk(projectDir, names, projectDir, (_name, dir) => {
    dirs.add(relative(projectDir, dir).split(sep).join('/'));
    return true;
  });
  return [...dirs].sort();
}

/**
 * For packagerConfig.ignore (true = leave out): keep package.json, Vite's output and the
 * given node_modules folders with the folders that lead to them; leave out the rest.
 * `file` is relative to the project with a leading '/', as @electron/packager passes it.
 */
export function packagedFileFilter(keepDirs: readonly string[]): (file: string) => boolean {
  const keep = keepDirs.map((dir) => `/${dir}`);
  const ancestors = new Set<string>();
  for (const dir of keep) {
    const parts = dir.split('/');
    for (let i = 2; i < parts.length; i++) ancestors.add(parts.slice(0, i).join('/'));
  }
  return (file) => {
    if (file === '' || file === '/package.json' || file === '/.vite' || file.startsWith('/.vite/')) return false;
    if (ancestors.has(file)) return false;
    return !keep.some((dir) => file === dir || file.startsWith(`${dir}/`));
  };
}
