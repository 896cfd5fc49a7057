// Behaviour across real processes: the LevelDB lock keeps a second Kith process out, and
// kill -9 at any moment loses no acknowledged commit and never leaves a broken chain.
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Signer } from '../../../src/identity/signer.ts';
import { openLocker, type LockerUnlock } from '../../../src/store/locker.ts';

const NODE = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const LOCKER_MODULE = new URL('../../../src/store/locker.ts', import.meta.url).href;

// The child rebuilds the same signer from the PKCS#8 key passed on its command line.
const CHILD = `
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { openLocker } from ${JSON.stringify(LOCKER_MODULE)};
const [mode, dir, pkcs8] = process.argv.slice(2);
const privateKey = createPrivateKey({ key: Buffer.from(pkcs8, 'hex'), format: 'der', type: 'pkcs8' });
const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
const did = 'did:key:test';
const wrappingKey = new Uint8Array(createHash('sha256').update('wrap:' + pkcs8).digest());
const signer = { did, verificationMethod: did + '#key', publicKey, sign: (m) => new Uint8Array(sign(null, m, privateKey)), lockerWrappingKey: () => wrappingKey };
let locker;
try {
  locker = await openLocker(dir, signer);
} catch (error) {
  process.stdout.write(JSON.stringify({ code: error.code, message: error.message, hint: error.hint }) + '\\n');
  process.exit(0);
}
if (mode === 'open') {
  process.stdout.write(JSON.stringify({ code: 'opened' }) + '\\n');
  await locker.close();
  process.exit(0);
}
let version = (await locker.records.head('counter'))?.version ?? 0;
for (;;) {
  version++;
  await locker.commit(signer, {
    records: [
      { id: 'counter', type: 'custom', version, credential: { n: version } },
      { id: 'r' + version, type: 'custom', version: 1, credential: { pad: 'x'.repeat(200 + (version % 7) * 100) } },
    ],
    audit: [{ kind: 'test.tick', details: { version } }, { kind: 'test.tock', details: { version } }],
  });
  process.stdout.write(version + '\\n');
}
`;

let dir: string;
let script: string;
let pkcs8: string;
let signer: Signer & LockerUnlock;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-proc-'));
  script = join(dir, 'child.mjs');
  await writeFile(script, CHILD);
  const { privateKey } = generateKeyPairSync('ed25519');
  pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex');
  const key = createPrivateKey({ key: Buffer.from(pkcs8, 'hex'), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32));
  const wrappingKey = new Uint8Array(createHash('sha256').update(`wrap:${pkcs8}`).digest());
  signer = { did: 'did:key:test', verificationMethod: 'did:key:test#key', publicKey, sign: (m) => new Uint8Array(sign(null, m, key)), lockerWrappingKey: () => wrappingKey };
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function child(mode: 'open' | 'loop', lockerDir: string): ChildProcess {
  return spawn(NODE, [script, mode, lockerDir, pkcs8], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function output(proc: ChildProcess): Promise<string> {
  let text = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await new Promise((resolve) => proc.on('close', resolve));
  return text;
}

test('a second process gets Locked while the locker is open, and can open it after close', async () => {
  const lockerDir = join(dir, 'locked');
  const locker = await openLocker(lockerDir, signer);
  const refused = JSON.parse(await output(child('open', lockerDir))) as { code: string; message: string; hint: string };
  assert.equal(refused.code, 'Locked');
  assert.equal(refused.message, 'The locker is in use by another Kith process.');
  assert.ok(refused.hint.length > 0);
  await locker.close();
  const opened = JSON.parse(await output(child('open', lockerDir))) as { code: string };
  assert.equal(opened.code, 'opened');
});

test('kill -9 at random moments loses no acknowledged commit', async () => {
  const lockerDir = join(dir, 'killed');
  let acknowledged = 0;
  for (let round = 0; round < 5; round++) {
    const proc = child('loop', lockerDir);
    const closed = new Promise((resolve) => proc.on('close', resolve));
    let buffered = '';
    let firstAck: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstAck = resolve));
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        acknowledged = Math.max(acknowledged, Number(line));
        firstAck();
      }
    });
    await started;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 300));
    proc.kill('SIGKILL');
    await closed;

    const locker = await openLocker(lockerDir, signer);
    try {
      assert.deepEqual(locker.integrity, { ok: true }, `round ${round}`);
      const counter = await locker.records.head('counter');
      assert.ok(counter !== undefined && counter.version >= acknowledged, `round ${round}: ${counter?.version} < ${acknowledged}`);
      const history = await locker.records.history('counter');
      assert.deepEqual(history.map((v) => v.version), Array.from({ length: counter.version }, (_, i) => i + 1));
      for (let v = 1; v <= counter.version; v++) assert.ok((await locker.records.head(`r${v}`)) !== undefined, `r${v}`);
      assert.equal(await locker.records.count(), counter.version + 1);
      const report = await locker.audit.verifyChain();
      assert.deepEqual(report.problems, []);
      // Two audit entries per commit, always both or neither.
      assert.equal(report.count, counter.version * 2);
      acknowledged = counter.version;
    } finally {
      await locker.close();
    }
  }
  assert.ok(acknowledged > 5, `only ${acknowledged} commits happened`);
});
