// Files in browser mode: bytes travel over the bridge's /files endpoints
// (src/daemon/bridge-files.ts), which stream them to and from disk on the node's side.
// Uploads send the File itself as the body, so the browser streams it from disk too.
import { contract } from '../../src/api/contract.ts';
import { parseWith } from '../../src/base/schema.ts';
import { notAnswering, unwrap } from './envelope.ts';
import type { FileTransfer } from './types.ts';

async function send(path: string, init: RequestInit, token: string): Promise<Response> {
  try {
    return await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch (error) {
    throw notAnswering(error);
  }
}

/** Reads a JSON envelope, also from an error status (the bridge always answers one). */
async function envelopeOf(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    throw notAnswering(error);
  }
}

/** The file name the server suggests (RFC 6266 filename*), else `fallback`. */
function suggestedName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (match?.[1] === undefined) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return fallback;
  }
}

/**
 * Hands a response to the browser's own download. The bridge needs the bearer header, so a
 * plain link cannot fetch it; the body becomes a Blob (Chromium keeps large blobs on disk,
 * not in memory) behind an object URL that an <a download> saves.
 */
async function download(response: Response, name: string): Promise<void> {
  saveBlob(await response.blob(), name);
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download has to start reading the blob first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function failIfNotFile(method: 'doc.get' | 'shared.get' | 'bundle.export', response: Response): Promise<void> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.startsWith('application/json')) unwrap(method, await envelopeOf(response));
}

/** An encrypted bundle's passphrase, as the bridge reads it (header values are Latin-1: percent-encoded UTF-8). */
function passphraseHeader(passphrase: string | undefined): Record<string, string> {
  return passphrase === undefined ? {} : { 'x-kith-bundle-passphrase': encodeURIComponent(passphrase) };
}

export function httpFiles(token: string): FileTransfer {
  return {
    async addDocument(file) {
      const response = await send(
        'files/documents',
        {
          method: 'POST',
          // Header values are Latin-1 only: the name travels percent-encoded (UTF-8).
          headers: { 'content-type': file.type || 'application/octet-stream', 'x-kith-file-name': encodeURIComponent(file.name) },
          body: file,
        },
        token,
      );
      return unwrap('doc.add', await envelopeOf(response));
    },

    async saveDocument(id, name) {
      const response = await send(`files/documents/${encodeURIComponent(id)}`, { method: 'GET' }, token);
      await failIfNotFile('doc.get', response);
      await download(response, suggestedName(response, name));
      return { saved: true, where: 'your downloads folder' };
    },

    async saveSharedDocument(id, name) {
      const response = await send(`files/shared/${encodeURIComponent(id)}`, { method: 'GET' }, token);
      await failIfNotFile('shared.get', response);
      await download(response, suggestedName(response, name));
      return { saved: true, where: 'your downloads folder' };
    },

    async exportBundle(options = {}) {
      const response = await send('files/bundle/export', { method: 'POST', headers: passphraseHeader(options.passphrase) }, token);
      await failIfNotFile('bundle.export', response);
      const name = suggestedName(response, 'kith-backup.kith');
      const header = response.headers.get('x-kith-bundle-summary');
      const summary = header === null ? undefined : parseWith(contract['bundle.export'].output, JSON.parse(header), 'the export summary');
      await download(response, name);
      return { saved: true, where: `your downloads folder as ${name}`, ...(summary === undefined ? {} : { summary }) };
    },

    async saveVendorExport(format, name) {
      // The export is built whole by the node (src/vendor/export/crm-export.ts), so it comes
      // back in the call's answer rather than over a /files stream, and is saved from here.
      const response = await send(
        `api/${encodeURIComponent('vendor.export')}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { format } }) },
        token,
      );
      const { rows, content } = unwrap('vendor.export', await envelopeOf(response));
      const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/jsonl;charset=utf-8';
      saveBlob(new Blob([content ?? ''], { type }), name);
      return { saved: true, where: `your downloads folder as ${name}`, rows };
    },

    async importData(file, options) {
      const query = new URLSearchParams();
      if (options.dryRun === true) query.set('dryRun', '1');
      if (options.map !== undefined) query.set('map', options.map);
      if (options.progress !== undefined) query.set('progress', options.progress);
      const response = await send(
        `files/import?${query.toString()}`,
        { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-kith-file-name': encodeURIComponent(file.name) }, body: file },
        token,
      );
      return unwrap('data.import', await envelopeOf(response));
    },

    async importBundle(file, passphrase) {
      const headers = { 'content-type': 'application/octet-stream', ...passphraseHeader(passphrase) };
      const response = await send('files/bundle/import', { method: 'POST', headers, body: file }, token);
      return unwrap('bundle.import', await envelopeOf(response));
    },
  };
}
