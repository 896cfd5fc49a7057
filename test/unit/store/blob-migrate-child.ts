// Runs one migration of a document store in its own process, so that a test can kill -9 it
// anywhere: `node blob-migrate-child.ts ROOT KEY_HEX`. Says "started" just before.
import { migrateBlobsToEncrypted } from '../../../src/store/blobs.ts';

const [root, keyHex] = process.argv.slice(2);
if (root === undefined || keyHex === undefined) throw new Error('usage: blob-migrate-child.ts ROOT KEY_HEX');
process.stdout.write('started\n');
const report = await migrateBlobsToEncrypted(root, Buffer.from(keyHex, 'hex'));
process.stdout.write(`${JSON.stringify(report)}\n`);
