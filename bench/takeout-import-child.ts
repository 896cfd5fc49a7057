// The child process of bench/takeout-import.ts: unlocks the home, opens its locker and,
// given an archive, imports it through data.import; prints its peak resident set
// (process.resourceUsage().maxRSS, KiB) and how long the import took, as JSON.
import { AppContext } from '../src/app/context.ts';
import { resolvePaths } from '../src/app/paths.ts';
import { identityService } from '../src/app/services/identity-service.ts';
import { importService } from '../src/app/services/import-service.ts';

const [home = '', passphrase = '', archive] = process.argv.slice(2);
const ctx = new AppContext(resolvePaths(home));
await identityService(ctx)['identity.unlock']({ passphrase });
await ctx.locker();
const start = performance.now();
const result = archive === undefined ? undefined : await importService(ctx)['data.import']({ path: archive });
const ms = performance.now() - start;
await ctx.close();
process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, ms, ...(result === undefined ? {} : { result: { imported: result.imported, errors: result.errors } }) }));
