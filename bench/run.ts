// `npm run bench`: every benchmark, each as a ratio against a baseline measured in the
// same run (see harness.ts). Prints one PASS/MISS line per target and a summary.
import { benchBlobCrypto } from './blob-crypto.ts';
import { benchBundleCrypto } from './bundle-crypto.ts';
import { allVerdicts } from './harness.ts';
import { benchImport } from './import.ts';
import { benchLockerCrypto } from './locker-crypto.ts';
import { benchLockerOpen } from './locker-open.ts';
import { benchCatchup } from './net-catchup.ts';
import { benchConnect } from './net-connect.ts';
import { benchDocument } from './net-document.ts';
import { benchFanout } from './net-fanout.ts';
import { benchVerify } from './verify.ts';
import { benchFirstScreen } from './first-screen.ts';
import { benchVendorIngest } from './vendor-ingest.ts';
import { benchVendorQueries } from './vendor-queries.ts';
import { benchVendorWebhooks } from './vendor-webhooks.ts';
import { benchVcardImport } from './vcard-import.ts';
import { benchTakeoutImport } from './takeout-import.ts';

const benches: [string, () => Promise<void>][] = [
  ['signature verification (hot path)', benchVerify],
  ['opening a 100k-record locker', benchLockerOpen],
  ['importing 100k signed records', benchImport],
  ['encryption at rest: locker open and import, encrypted vs not', benchLockerCrypto],
  ['connect plus first answered request', benchConnect],
  ['one update fanned out to 20 holders', benchFanout],
  ['a holder catching up on 10k deliveries', benchCatchup],
  ['document transfer throughput', benchDocument],
  ['documents encrypted at rest vs plain', benchBlobCrypto],
  ['export bundles encrypted vs plain', benchBundleCrypto],
  ['the first screen in a browser', benchFirstScreen],
  ['vendor store ingest (PGlite and a PostgreSQL server)', benchVendorIngest],
  ['vendor console reads at 100k records', benchVendorQueries],
  ['webhook deliveries through the queue and worker', benchVendorWebhooks],
  ['importing 10k contacts from a vCard file', benchVcardImport],
  ['importing a 100 MB Takeout archive: peak memory', benchTakeoutImport],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  await run();
}
const missed = allVerdicts().filter((verdict) => !verdict.pass);
console.log(`\n${allVerdicts().length - missed.length} of ${allVerdicts().length} targets met${missed.length > 0 ? ` (missed: ${missed.map((v) => v.name).join('; ')})` : ''}.`);
