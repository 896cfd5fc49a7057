// Files over the loopback bridge, for the UI in a browser (Electron passes paths instead).
// The contract's file methods take paths on the node's disk (doc.add, doc.get,
// bundle.export, bundle.import), so these endpoints only move bytes between HTTP and a
// private temp folder, always streaming (a file is never whole in memory), and hand the
// temp path to the same dispatcher every other caller uses. Token, Host and Origin are
// checked by bridge.ts before a request gets here.
//
//   POST /files/documents       raw body; X-Kith-File-Name (percent-encoded UTF-8) and
//                               Content-Type name it -> 200 Result envelope of doc.add
//   GET  /files/documents/<id>  the document's bytes, as an attachment
//   GET  /files/shared/<id>     the file of a document shared with me (shared.get: fetched
//                               from its owner first if it is not here), as an attachment
//   POST /files/bundle/export   a fresh signed bundle, as an attachment; its summary in
//                               X-Kith-Bundle-Summary. With X-Kith-Bundle-Passphrase
//                               (percent-encoded UTF-8), encrypted under it
//   POST /files/bundle/import   raw body (a bundle) -> 200 Result envelope of bundle.import;
//                               an encrypted one's passphrase in X-Kith-Bundle-Passphrase
//   POST /files/import          raw body, X-Kith-File-Name; ?format=&map=&progress=&dryRun=1 ->
//                               200 Result envelope of data.import
//
// Refusals before the core is asked (too large, a bad name) and failed downloads answer
// the same {ok:false,error} envelope with an HTTP error status.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { lookup } from 'mime-types';
import { recordSchemas } from '../api/records.ts';
import type { Result } from '../api/result.ts';
import type { KithApp } from '../app/create-node.ts';
import type { ErrorCode } from '../base/errors.ts';

/** Generous: a scanned archive or a whole locker's bundle (bundle parts are capped at 16 GiB). */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 ** 3;
/** What a file system accepts as one name (ext4, APFS, NTFS: 255). */
const MAX_NAME_CHARS = 255;

export interface FileEndpointsOptions {
  readonly app: KithApp;
  /** The node's data folder: temp files live in `<dataDir>/tmp`, beside the data, owner-only. */
  readonly dataDir?: string;
  readonly maxFileBytes?: number;
}

export interface FileEndpoints {
  handle(req: IncomingMessage, res: ServerResponse, pathname: string, query?: URLSearchParams): Promise<void>;
  /** Removes the private temp folder when it was made outside a data folder. */
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  InvalidInput: 400,
  NotFound: 404,
  AlreadyExists: 409,
  NotInitialized: 409,
  WrongPassphrase: 403,
  KeyLocked: 423,
  Locked: 423,
  Corrupt: 422,
  InvalidSignature: 422,
  NotTrusted: 403,
  Unsupported: 415,
  Unreachable: 503,
  Timeout: 504,
};

class TooLarge extends Error {}

/** 17179869184 -> "16 GiB": a limit the person can read. */
export function sizeInWords(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

function answer(res: ServerResponse, status: number, result: Result<unknown>, close = false): void {
  if (res.headersSent) return void res.destroy();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  // After refusing a body we did not read, close the connection rather than drain it.
  if (close) headers['connection'] = 'close';
  res.writeHead(status, headers).end(JSON.stringify(result));
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, hint?: string, close = false): void {
  answer(res, status, { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } }, close);
}

/** The person's file name from its header: a name only — never a path, never used as one. */
export function parseFileName(header: string | string[] | undefined): { name: string } | { problem: string } {
  if (typeof header !== 'string' || header === '') return { problem: "The upload does not say the file's name (X-Kith-File-Name header)." };
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return { problem: 'The file name is not valid percent-encoded UTF-8.' };
  }
  if (/[/\\\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..' || name.trim() === '') {
    return { problem: 'The file name must be a plain name such as report.pdf, without folders or control characters.' };
  }
  if (name.length > MAX_NAME_CHARS) return { problem: `The file name is longer than ${MAX_NAME_CHARS} characters.` };
  return { name };
}

/** A Content-Disposition that keeps any file name intact (RFC 6266, RFC 8187 filename*). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** X-Kith-Bundle-Passphrase: absent, or a passphrase (percent-encoded, as header values are Latin-1). */
export function parsePassphrase(header: string | string[] | undefined): { passphrase?: string } | { problem: string } {
  if (header === undefined) return {};
  if (typeof header !== 'string' || header === '') return { problem: 'The bundle passphrase header is empty.' };
  try {
    return { passphrase: decodeURIComponent(header) };
  } catch {
    return { problem: 'The bundle passphrase is not valid percent-encoded UTF-8.' };
  }
}

function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > max ? new TooLarge() : null, chunk);
    },
  });
}

export function fileEndpoints(options: FileEndpointsOptions): FileEndpoints {
  const { app } = options;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let folder: Promise<string> | undefined;
  let ownFolder: string | undefined;

  /** Temp files go beside the data (same disk, owner-only), else in a private folder. */
  function tempFolder(): Promise<string> {
    folder ??= (async () => {
      if (options.dataDir !== undefined) {
        const dir = join(options.dataDir, 'tmp');
        await mkdir(dir, { recursive: true, mode: 0o700 });
        return dir;
      }
      ownFolder = await mkdtemp(join(tmpdir(), 'kith-bridge-'));
      return ownFolder;
    })();
    return folder;
  }

  async function tempPath(suffix: string): Promise<string> {
    return join(await tempFolder(), `upload-${randomBytes(12).toString('hex')}${suffix}`);
  }

  /** Streams the body to `path`; false (and the answer sent) if it was too large or cut off. */
  async function receive(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => refuse(res, 413, 'InvalidInput', `The file is larger than ${sizeInWords(maxBytes)}, the most this node accepts.`, undefined, true);
    if (declared > maxBytes) {
      tooLarge();
      return false;
    }
    // Through a PassThrough, so a failure destroys our streams but not the request's
    // socket: the 413 still reaches the client, then `connection: close` ends it.
    const body = req.pipe(new PassThrough());
    req.once('aborted', () => body.destroy(new Error('aborted')));
    try {
      await pipeline(body, byteLimit(maxBytes), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      return true;
    } catch (error) {
      req.unpipe(body);
      await rm(path, { force: true });
      if (error instanceof TooLarge) tooLarge();
      else refuse(res, 400, 'Aborted', 'The upload was cut off before it ended.', 'Try again.', true);
      res.once('finish', () => req.socket.destroySoon());
      return false;
    }
  }

  /** Sends the file at `path` as an attachment, then deletes it. */
  async function send(res: ServerResponse, path: string, name: string, mediaType: string, extra: Record<string, string> = {}): Promise<void> {
    const { size } = await stat(path);
    res.writeHead(200, {
      'content-type': mediaType,
      'content-length': String(size),
      'content-disposition': attachment(name),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Should the file ever be opened as a page on this origin, it may run nothing.
      'content-security-policy': "default-src 'none'; sandbox",
      ...extra,
    });
    await pipeline(createReadStream(path), res).catch(() => undefined); // the browser went away
  }

  async function uploadDocument(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseFileName(req.headers['x-kith-file-name']);
    if ('problem' in parsed) return refuse(res, 400, 'InvalidInput', parsed.problem, undefined, true);
    const declaredType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const mediaType = declaredType === '' || declaredType === 'application/octet-stream' ? lookup(parsed.name) || 'application/octet-stream' : declaredType;
    if (!recordSchemas.document.shape.mediaType.safeParse(mediaType).success) {
      return refuse(res, 400, 'InvalidInput', `"${mediaType}" is not a media type such as application/pdf.`, undefined, true);
    }
    const path = await tempPath('');
    try {
      if (!(await receive(req, res, path))) return;
      answer(res, 200, await app.dispatch('doc.add', { path, name: parsed.name, mediaType }));
    } finally {
      await rm(path, { force: true });
    }
  }

  async function downloadDocument(res: ServerResponse, id: string): Promise<void> {
    const record = await app.dispatch('data.get', { id });
    if (!record.ok) return answer(res, STATUS[record.error.code] ?? 500, record);
    const path = await tempPath('');
    try {
      const written = await app.dispatch('doc.get', { id, outPath: path });
      if (!written.ok) return answer(res, STATUS[written.error.code] ?? 500, written);
      const data = recordSchemas.document.parse((record.value as { data: unknown }).data);
      await send(res, path, data.name, data.mediaType);
    } finally {
      await rm(path, { force: true });
    }
  }

  async function downloadShared(res: ServerResponse, id: string): Promise<void> {
    const path = await tempPath('');
    try {
      const written = await app.dispatch('shared.get', { id, outPath: path });
      if (!written.ok) return answer(res, STATUS[written.error.code] ?? 500, written);
      const file = written.value as { name: string; mediaType: string };
      await send(res, path, file.name, file.mediaType);
    } finally {
      await rm(path, { force: true });
    }
  }

  async function exportBundle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const secret = parsePassphrase(req.headers['x-kith-bundle-passphrase']);
    if ('problem' in secret) return refuse(res, 400, 'InvalidInput', secret.problem, undefined, true);
    const name = `kith-${new Date().toISOString().slice(0, 10)}.kith`;
    const path = await tempPath('.kith');
    try {
      const exported = await app.dispatch('bundle.export', { path, ...secret });
      if (!exported.ok) return answer(res, STATUS[exported.error.code] ?? 500, exported);
      const summary = JSON.stringify({ ...(exported.value as object), path: name });
      await send(res, path, name, 'application/octet-stream', { 'x-kith-bundle-summary': summary });
    } finally {
      await rm(path, { force: true });
    }
  }

  async function importBundle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const secret = parsePassphrase(req.headers['x-kith-bundle-passphrase']);
    if ('problem' in secret) return refuse(res, 400, 'InvalidInput', secret.problem, undefined, true);
    const path = await tempPath('.kith');
    try {
      if (!(await receive(req, res, path))) return;
      const imported = await app.dispatch('bundle.import', { path, ...secret });
      // The temp path means nothing to the person; the summary names the upload instead.
      answer(res, 200, imported.ok ? { ok: true, value: { ...(imported.value as object), path: 'the uploaded bundle' } } : imported);
    } finally {
      await rm(path, { force: true });
    }
  }

  async function importData(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const parsed = parseFileName(req.headers['x-kith-file-name']);
    if ('problem' in parsed) return refuse(res, 400, 'InvalidInput', parsed.problem, undefined, true);
    const path = await tempPath('');
    try {
      if (!(await receive(req, res, path))) return;
      const options = { format: query.get('format') ?? undefined, map: query.get('map') ?? undefined, progress: query.get('progress') ?? undefined, ...(query.get('dryRun') === '1' ? { dryRun: true } : {}) };
      answer(res, 200, await app.dispatch('data.import', { path, name: parsed.name, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) }));
    } finally {
      await rm(path, { force: true });
    }
  }

  return {
    async handle(req, res, pathname, query = new URLSearchParams()) {
      const route = `${req.method ?? ''} ${pathname}`;
      if (route === 'POST /files/documents') return uploadDocument(req, res);
      if (route === 'POST /files/bundle/export') return exportBundle(req, res);
      if (route === 'POST /files/bundle/import') return importBundle(req, res);
      if (route === 'POST /files/import') return importData(req, res, query);
      const download = /^GET \/files\/(documents|shared)\/([^/]+)$/.exec(route);
      if (download?.[2] !== undefined) {
        let id: string;
        try {
          id = decodeURIComponent(download[2]);
        } catch {
          return refuse(res, 400, 'InvalidInput', 'That is not a document id.');
        }
        return download[1] === 'shared' ? downloadShared(res, id) : downloadDocument(res, id);
      }
      return refuse(res, 404, 'NotFound', 'There is no such file endpoint.', undefined, req.method !== 'GET');
    },
    async close() {
      if (ownFolder !== undefined) await rm(ownFolder, { recursive: true, force: true });
    },
  };
}
