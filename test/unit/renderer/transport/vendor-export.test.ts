// The vendor console's export in the desktop app: the save dialog names the file, the node
// writes it there (vendor.export with outPath), and a cancelled dialog exports nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipcConnection } from '../../../../renderer/transport/ipc-connection.ts';
import type { KithPreload } from '../../../../renderer/transport/preload-api.ts';

function preload(savePath: string | undefined) {
  const calls: { method: string; input: unknown }[] = [];
  const dialogs: unknown[] = [];
  const kith: KithPreload = {
    async call(method, input) {
      calls.push({ method, input });
      return { ok: true, value: { rows: 3, path: savePath } };
    },
    on: () => () => undefined,
    async chooseSavePath(options) {
      dialogs.push(options);
      return savePath;
    },
  };
  return { kith, calls, dialogs };
}

test('desktop: the chosen path goes to vendor.export, which writes the file', async () => {
  const { kith, calls, dialogs } = preload('/home/shop/customers.csv');
  const outcome = await ipcConnection(kith).files.saveVendorExport('csv', 'kith-customers-2026-12-07.csv');
  assert.deepEqual(dialogs, [{ title: 'Export customers', defaultName: 'kith-customers-2026-12-07.csv', extensions: ['csv'] }]);
  assert.deepEqual(calls, [{ method: 'vendor.export', input: { format: 'csv', outPath: '/home/shop/customers.csv', overwrite: true } }]);
  assert.deepEqual(outcome, { saved: true, where: '/home/shop/customers.csv', rows: 3 });
});

test('desktop: a cancelled save dialog exports nothing', async () => {
  const { kith, calls } = preload(undefined);
  assert.deepEqual(await ipcConnection(kith).files.saveVendorExport('jsonl', 'x.jsonl'), { saved: false });
  assert.deepEqual(calls, []);
});

test('desktop: a shell without a save dialog says so in words', async () => {
  const { kith } = preload('/x');
  delete kith.chooseSavePath;
  await assert.rejects(ipcConnection(kith).files.saveVendorExport('csv', 'x.csv'), /cannot save files/);
});
