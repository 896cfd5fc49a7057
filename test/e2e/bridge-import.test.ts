// POST /files/import over real HTTP on loopback: the browser UI's way to import a file
// (dry run, then the import), named as the person's file, and its refusals.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKithApp } from '../../src/app/create-node.ts';
import { startBridge, type Bridge } from '../../src/daemon/bridge.ts';

const card = (uid: string, name: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nEND:VCARD\r\n`;

function post(bridge: Bridge, query: string, body: string | Uint8Array, name: string, token: string | null = bridge.token) {
  return fetch(new URL(`files/import${query}`, bridge.url), {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/octet-stream', 'x-kith-file-name': encodeURIComponent(name), ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
  });
}

test('a file imported through the bridge: a dry run, the import, its provenance naming the uploaded file; refusals', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'kith-bridge-import-'));
  const app = await openKithApp({ home });
  await app.dispatch('identity.init', { passphrase: 'correct horse' });
  const bridge = await startBridge({ app, dataDir: home, maxFileBytes: 64 * 1024 });
  t.after(async () => {
    await bridge.close();
    await app.close();
    await rm(home, { recursive: true, force: true });
  });
  const vcf = card('a', 'Ana') + card('b', 'Bruno');
  const dry = await post(bridge, '?dryRun=1', vcf, 'Contactos do João.vcf');
  assert.equal(dry.status, 200);
  assert.deepEqual(await dry.json(), { ok: true, value: { format: 'vcard', imported: 2, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: true } });
  const listed = await app.dispatch('data.list', {});
  assert.deepEqual(listed, { ok: true, value: [] });

  const done = (await (await post(bridge, '', vcf, 'Contactos do João.vcf')).json()) as { ok: boolean; value: { imported: number } };
  assert.equal(done.value.imported, 2);
  const contacts = await app.dispatch('data.list', { type: 'contact' });
  assert.ok(contacts.ok);
  assert.equal((contacts.value as { source?: { file: string } }[])[0]?.source?.file, 'Contactos do João.vcf');

  const csv = await post(bridge, `?map=${encodeURIComponent('currency=EUR')}`, 'Date,Description,Amount\n2026-01-02,Coffee,3.20\n', 'bank.csv');
  assert.equal(((await csv.json()) as { value: { imported: number } }).value.imported, 1);
  const wrongFormat = await post(bridge, '?format=pdf', vcf, 'x.vcf');
  assert.equal(((await wrongFormat.json()) as { ok: boolean; error: { code: string } }).error.code, 'InvalidInput');
  assert.equal((await post(bridge, '', vcf, 'x.vcf', null)).status, 401);
  assert.equal((await post(bridge, '', 'x'.repeat(70 * 1024), 'big.csv')).status, 413);
  assert.equal((await post(bridge, '', vcf, '../../etc/passwd')).status, 400);
  const deadline = Date.now() + 2000;
  let left = await readdir(join(home, 'tmp')).catch(() => []);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = await readdir(join(home, 'tmp')).catch(() => []);
  }
  assert.deepEqual(left, [], 'no uploaded copy left behind');
});
