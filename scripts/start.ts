// `npm start`. Until the desktop app lands (issue #4: the Electron window where its
// binary is installed, the same UI in the browser where it is not), starting Kith means
// the command-line node: this shows where your data lives, who you are, and what to type.
import { main } from '../src/daemon/cli.ts';
import { defaultHome } from '../src/app/paths.ts';

const home = process.env['KITH_HOME'] ?? defaultHome();
console.log(`Kith — your personal data, on your own node.\nData folder: ${home}\n`);
const code = await main(['whoami']);
if (code !== 0) {
  console.log('\nStart by creating your identity:  npm run kith -- init');
} else {
  console.log('\nYour records:');
  await main(['data', 'list']);
}
console.log('\nThe `kith` command does everything (npm run kith -- --help, or `npx kith --help`):\n');
await main(['--help']);
