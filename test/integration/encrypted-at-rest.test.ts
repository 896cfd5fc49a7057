// Encryption at rest across real daemons: distinctive values written by the owner (a record,
// a contact's name, a document) and received from a contact (a shared record and its file)
// are found in no file of either data folder, while both nodes serve them as usual.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connect, eventually, startDaemon } from './daemons.ts';

const STREET = 'Travessa Inconfundivel 8421';
const PETNAME = 'Benedita Quarteirense';
const DOC_MARK = 'passport-line-that-must-stay-private-5521';

async function filesWith(home: string, needles: readonly Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(home, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    for (const needle of needles) if (bytes.includes(needle)) hits.push(`${join(entry.parentPath, entry.name)}: ${needle.toString('utf8', 0, 40)}`);
  }
  return hits;
}

interface Shared {
  record: { id: string; data: Record<string, unknown> | null };
  file?: { state: string };
}

test('nothing personal is readable in either data folder, and both nodes still serve it', async (t) => {
  const [ana, ben] = await Promise.all([startDaemon(t), startDaemon(t)]);
  const dir = await mkdtemp(join(tmpdir(), 'kith-at-rest-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const document = Buffer.concat([randomBytes(200_000), Buffer.from(DOC_MARK), randomBytes(100_000)]);
  await writeFile(join(dir, 'passport.pdf'), document);

  const address = (await ana.kith(['data', 'set', 'address', JSON.stringify({ streetAddress: STREET, addressLocality: 'Lisboa', addressCountry: 'PT' }), '--json'])).json<{ id: string }>().id;
  const doc = (await ana.kith(['doc', 'add', join(dir, 'passport.pdf'), '--json'])).json<{ id: string; data: { sha256: string } }>();
  const benName = await connect(ana, ben);
  assert.equal((await ana.kith(['contacts', 'rename', benName, PETNAME])).code, 0);
  for (const id of [address, doc.id]) {
    const granted = await ana.kith(['grant', PETNAME, id, '--purpose', 'Our trip', '--json']);
    assert.equal(granted.code, 0, granted.stderr);
  }
  const shared = await eventually(
    async () => (await ben.kith(['shared', '--json'])).json<Shared[]>(),
    (s) => s.length === 2 && s.some((item) => item.file?.state === 'here'),
    'the record and the file at Ben',
  );
  assert.ok(shared.some((item) => item.record.data?.['streetAddress'] === STREET), 'Ben reads the shared address');
  const out = join(dir, 'at-ben.pdf');
  assert.equal((await ben.kith(['shared', 'get', doc.id, out])).code, 0);
  assert.ok((await readFile(out)).equals(document), 'Ben reads the shared document byte for byte');
  assert.equal((await ana.kith(['contacts', '--json'])).json<{ petname: string }[]>()[0]?.petname, PETNAME);

  await Promise.all([ana.kill(), ben.kill()]);
  const needles = [STREET, PETNAME, DOC_MARK, doc.data.sha256].map((text) => Buffer.from(text, 'utf8'));
  assert.deepEqual(await filesWith(ana.home, needles), [], 'Ana’s data folder');
  assert.deepEqual(await filesWith(ben.home, needles), [], 'Ben’s data folder');
});
