// data.import.undo against a real locker, and the import.progress events of an import.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { AppEvent, EventPayload } from '../../../../src/api/contract.ts';
import { activityNames } from '../../../../src/api/activity/activity-names.ts';
import { describeEntry } from '../../../../src/api/activity/audit-sentences.ts';
import { AppContext } from '../../../../src/app/context.ts';
import { resolvePaths } from '../../../../src/app/paths.ts';
import { identityService } from '../../../../src/app/services/identity-service.ts';
import { importService } from '../../../../src/app/services/import-service.ts';
import { recordsService } from '../../../../src/app/services/records-service.ts';
import { verifyCredential } from '../../../../src/credentials/credential.ts';

const NAMES = activityNames({ self: { did: '', peerId: '' }, contacts: [], records: [], grants: [], agreements: [], circles: [], shared: [] });
const card = (uid: string, name: string, extra = '') => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\n${extra}END:VCARD\r\n`;
const PHOTO = `PHOTO;ENCODING=b;TYPE=PNG:${Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64')}\r\n`;

async function setup(t: TestContext) {
  const home = await mkdtemp(join(tmpdir(), 'kith-undo-'));
  const ctx = new AppContext(resolvePaths(home));
  t.after(async () => {
    await ctx.close();
    await rm(home, { recursive: true, force: true });
  });
  await identityService(ctx)['identity.init']({ passphrase: 'undo passphrase' });
  const api = { ...importService(ctx), ...recordsService(ctx) };
  const file = async (name: string, text: string) => {
    const path = join(home, name);
    await writeFile(path, text);
    return path;
  };
  const events: AppEvent[] = [];
  ctx.onEvent((event) => events.push(event));
  const byName = async (name: string) => (await api['data.list']({ type: 'contact' })).find((c) => (c.data as { name: string }).name === name);
  return { ctx, api, file, events, byName };
}

test('undo of the last import: its new records deleted (signed tombstones, photos too), the ones it changed put back; twice is refused; the file then imports again', async (t) => {
  const { ctx, api, file, byName } = await setup(t);
  await api['data.import']({ path: await file('v1.vcf', card('a', 'Ana') + card('b', 'Bruno')) });
  const anaV1 = await byName('Ana');
  const second = await api['data.import']({ path: await file('v2.vcf', card('a', 'Ana', 'EMAIL:ana@example.org\r\n') + card('b', 'Bruno') + card('c', 'Carla', PHOTO)) });
  assert.deepEqual([second.imported, second.updated, second.unchanged], [1, 1, 1]);
  const carla = await byName('Carla');
  const photoId = (carla?.data as { photo: string }).photo;

  const preview = await api['data.import.undo']({ dryRun: true });
  assert.deepEqual({ ...preview, run: { ...preview.run, time: '' } }, { run: { id: second.run ?? '', file: 'v2.vcf', format: 'vcard', time: '' }, deleted: 2, restored: 1, kept: [], unchanged: 0, dryRun: true });
  assert.ok(await byName('Carla'), 'a dry run writes nothing');

  const undone = await api['data.import.undo']({ run: second.run ?? '' });
  assert.deepEqual([undone.deleted, undone.restored, undone.kept, undone.dryRun], [2, 1, [], false]);
  assert.deepEqual((await api['data.list']({})).map((r) => (r.data as { name?: string }).name).sort(), ['Ana', 'Bruno']);
  for (const id of [carla?.id ?? '', photoId]) {
    const history = await api['data.history']({ id });
    const tombstone = history.at(-1);
    assert.equal(tombstone?.deleted, true, 'deleted with a tombstone');
    const got = await ctx.locker().then((locker) => locker.records.head(id));
    verifyCredential(got?.credential);
  }
  const ana = await byName('Ana');
  assert.equal(ana?.version, 3, 'put back as a new version: history only grows');
  assert.deepEqual(ana?.data, anaV1?.data);
  assert.equal(ana?.source && 'file' in ana.source ? ana.source.file : undefined, 'v1.vcf', 'with the provenance it had before');

  await assert.rejects(api['data.import.undo']({}), { code: 'NotFound', message: /The last import, of v2\.vcf .*, was already undone at/ });
  const log = await (await ctx.locker()).audit.entries();
  const entry = log.find((e) => e.kind === 'import.undone');
  assert.match(describeEntry({ kind: 'import.undone', details: entry?.details ?? {} }, NAMES), /You undid the import of an address book \(v2\.vcf\): 2 records it added deleted, one record it changed put back as before\./);

  // Undone means gone from the source map too: the same file brings Carla back.
  const again = await api['data.import']({ path: await file('v2.vcf', card('a', 'Ana', 'EMAIL:ana@example.org\r\n') + card('b', 'Bruno') + card('c', 'Carla', PHOTO)) });
  assert.deepEqual([again.imported, again.updated, again.unchanged, again.skipped], [1, 1, 1, 0]);
});

test('undo after records were changed by hand: those are kept and named, one deleted by hand is left alone, the rest undone', async (t) => {
  const { api, file, byName } = await setup(t);
  await assert.rejects(api['data.import.undo']({}), { code: 'NotFound', message: /nothing was imported here yet/ });
  const first = await api['data.import']({ path: await file('c.vcf', card('a', 'Ana') + card('b', 'Bruno') + card('c', 'Carla')) });
  const ana = await byName('Ana');
  const bruno = await byName('Bruno');
  await api['data.update']({ id: ana?.id ?? '', data: { name: 'Ana Lima' } });
  await api['data.remove']({ id: bruno?.id ?? '' });
  const undone = await api['data.import.undo']({});
  assert.equal(undone.run.id, first.run);
  assert.deepEqual([undone.deleted, undone.restored, undone.unchanged], [1, 0, 1]);
  assert.deepEqual(undone.kept, [{ id: ana?.id, type: 'contact', reason: 'you changed it after the import, so it was kept as it is' }]);
  assert.deepEqual((await api['data.list']({})).map((r) => (r.data as { name: string }).name), ['Ana Lima']);
});

test('undo names the import it is for: an older one is refused once another came after it; an import that wrote nothing is not one', async (t) => {
  const { api, file } = await setup(t);
  const first = await api['data.import']({ path: await file('a.vcf', card('a', 'Ana')) });
  const second = await api['data.import']({ path: await file('b.vcf', card('b', 'Bruno')) });
  const same = await api['data.import']({ path: await file('b.vcf', card('b', 'Bruno')) });
  assert.equal(same.run, undefined, 'nothing written, nothing to undo');
  await assert.rejects(api['data.import.undo']({ run: first.run ?? '' }), { code: 'InvalidInput', message: /not the last one any more: b\.vcf was imported after it/ });
  assert.equal((await api['data.import.undo']({ run: second.run ?? '' })).deleted, 1);
  assert.equal((await api['data.list']({})).length, 1);
});

test('progress: an import reports reading, then writing (checking for a dry run) under the caller’s label, each ending at its total', async (t) => {
  const { api, file, events } = await setup(t);
  const cards = Array.from({ length: 1300 }, (_, i) => card(`u${i}`, `Person ${i}`)).join('');
  const path = await file('many.vcf', cards);
  const progressOf = (id: string) => events.flatMap((e) => (e.name === 'import.progress' && e.payload.id === id ? [e.payload] : []));
  await api['data.import']({ path, progress: 'dry-1', dryRun: true });
  assert.deepEqual([...new Set(progressOf('dry-1').map((p) => p.phase))], ['reading', 'checking']);
  await api['data.import']({ path, progress: 'mine-1' });
  const progress = progressOf('mine-1');
  assert.ok(progress.length >= 4 && progress.every((p) => p.done <= p.total));
  const last = (phase: EventPayload<'import.progress'>['phase']) => progress.filter((p) => p.phase === phase).at(-1);
  assert.deepEqual(last('writing'), { id: 'mine-1', phase: 'writing', done: 1300, total: 1300 });
  assert.equal(last('reading')?.done, last('reading')?.total);
  assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['reading', 'writing']);
  const writing = progress.filter((p) => p.phase === 'writing').map((p) => p.done);
  assert.deepEqual(writing, [...writing].sort((a, b) => a - b), 'it only moves forward');
  // 1,300 items are written in two parts, and undone as one import.
  const undone = await api['data.import.undo']({});
  assert.equal(undone.deleted, 1300);
  assert.equal((await api['data.list']({})).length, 0);
});
