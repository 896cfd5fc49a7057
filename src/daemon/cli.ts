// `kith` — the command line's entry. It turns on Node's compile cache before anything else
// loads: V8 keeps the compiled code of every module (libp2p, LevelDB's bindings, our own
// TypeScript after type stripping) in the OS temp folder, keyed by each file's content, so
// a command or a daemon starts about a quarter faster from the second run on (1.3 s ->
// 0.95 s for `kith data list` here). Hence a dynamic import: static imports would load
// before the cache is on.
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { main } = await import('./cli-main.ts');
process.exitCode = await main(process.argv.slice(2));
