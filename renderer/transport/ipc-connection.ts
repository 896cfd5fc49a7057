// Desktop mode: the Electron preload's `window.kith`. Calls go over one IPC channel to
// the same dispatcher the CLI uses; files move as paths (see preload-api.ts).
import { createClient } from '../../src/api/client.ts';
import { KithError } from '../../src/base/errors.ts';
import type { KithPreload } from './preload-api.ts';
import type { Connection, FileTransfer } from './types.ts';

/** For a shell older than the page (the preload provides pathForFile and chooseSavePath). */
function needs(what: string): KithError {
  return new KithError('Unsupported', `This version of the desktop app cannot ${what}.`, {
    hint: 'Update Kith, or use the browser UI (`kith start --ui`) or the `kith` command meanwhile.',
  });
}

function ipcFiles(kith: KithPreload): FileTransfer {
  const client = createClient((method, input) => kith.call(method, input));
  const pathOf = (file: File, what: string): string => {
    const path = kith.pathForFile?.(file);
    if (path === undefined) throw needs(what);
    if (path === '') throw new KithError('InvalidInput', `${file.name} is not a file on this computer.`, { hint: 'Pick a file from a folder.' });
    return path;
  };
  return {
    addDocument: (file) =>
      client.call('doc.add', { path: pathOf(file, 'read files'), name: file.name, ...(file.type === '' ? {} : { mediaType: file.type }) }),
    async saveDocument(id, name) {
      if (kith.chooseSavePath === undefined) throw needs('save files');
      const outPath = await kith.chooseSavePath({ title: 'Save document', defaultName: name });
      if (outPath === undefined) return { saved: false };
      // The save dialog has already asked before replacing a file.
      await client.call('doc.get', { id, outPath, overwrite: true });
      return { saved: true, where: outPath };
    },
    async saveSharedDocument(id, name) {
      if (kith.chooseSavePath === undefined) throw needs('save files');
      const outPath = await kith.chooseSavePath({ title: 'Save shared document', defaultName: name });
      if (outPath === undefined) return { saved: false };
      await client.call('shared.get', { id, outPath, overwrite: true });
      return { saved: true, where: outPath };
    },
    async exportBundle(options = {}) {
      if (kith.chooseSavePath === undefined) throw needs('save files');
      const date = new Date().toISOString().slice(0, 10);
      const path = await kith.chooseSavePath({ title: 'Export everything', defaultName: `kith-${date}.kith`, extensions: ['kith'] });
      if (path === undefined) return { saved: false };
      const summary = await client.call('bundle.export', { path, overwrite: true, ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }) });
      return { saved: true, where: path, summary };
    },
    async saveVendorExport(format, name) {
      if (kith.chooseSavePath === undefined) throw needs('save files');
      const outPath = await kith.chooseSavePath({ title: 'Export customers', defaultName: name, extensions: [format] });
      if (outPath === undefined) return { saved: false };
      // The save dialog has already asked before replacing a file.
      const { rows } = await client.call('vendor.export', { format, outPath, overwrite: true });
      return { saved: true, where: outPath, rows };
    },
    importBundle: (file, passphrase) => client.call('bundle.import', { path: pathOf(file, 'read files'), ...(passphrase === undefined ? {} : { passphrase }) }),
    importData: (file, options) =>
      client.call('data.import', { path: pathOf(file, 'read files'), name: file.name, ...(options.dryRun === true ? { dryRun: true } : {}), ...(options.map === undefined ? {} : { map: options.map }), ...(options.progress === undefined ? {} : { progress: options.progress }) }),
  };
}

export function ipcConnection(kith: KithPreload): Connection {
  return {
    mode: 'electron',
    transport: (method, input) => kith.call(method, input),
    subscribe: (listener) => kith.on((event) => listener({ name: event.name, payload: event.payload })),
    files: ipcFiles(kith),
  };
}
