// What the UI needs from whatever carries it: the contract call, the live events, and
// moving files in and out. Two implementations — Electron IPC (`ipc-connection.ts`) and
// the loopback HTTP bridge (`http-connection.ts`) — and the UI never knows which it has.
import type { Transport } from '../../src/api/client.ts';
import type { BundleSummary, RecordView } from '../../src/api/contract.ts';
import type { ImportResultView } from '../../src/api/methods/import.ts';

/** An event as it arrives; checked against the contract's `events` before use. */
export interface RawEvent {
  readonly name: string;
  readonly payload: unknown;
}

/**
 * Files cross differently in each mode. In the browser the bytes travel over the bridge
 * (/files/…); in Electron the core reads and writes paths itself, given by the preload
 * (webUtils.getPathForFile for a picked or dropped file, a save dialog for output).
 */
export interface FileTransfer {
  /** Stores a picked or dropped file as a document record. */
  addDocument(file: File): Promise<RecordView>;
  /** Saves a document's file where the person chooses (browser: the downloads folder). */
  saveDocument(id: string, name: string): Promise<SaveOutcome>;
  /** Saves the file of a document shared with me (fetched from its owner first if needed). */
  saveSharedDocument(id: string, name: string): Promise<SaveOutcome>;
  /** Writes a signed bundle of everything where the person chooses; with a passphrase, encrypted under it. */
  exportBundle(options?: { passphrase?: string }): Promise<SaveOutcome & { summary?: BundleSummary }>;
  /** Restores a bundle into this (empty) locker; an encrypted one needs its passphrase (else WrongPassphrase). */
  importBundle(file: File, passphrase?: string): Promise<BundleSummary>;
  /**
   * Saves the vendor console's CRM export (vendor.export) where the owner chooses (browser:
   * the downloads folder, as `name`); `rows` says how many rows it holds.
   */
  saveVendorExport(format: 'csv' | 'jsonl', name: string): Promise<SaveOutcome & { rows?: number }>;
  /** Imports contacts, events or purchases from a file (dryRun: only says what it would do). */
  importData(file: File, options: ImportOptions): Promise<ImportResultView>;
}

export interface ImportOptions {
  readonly dryRun?: boolean;
  readonly map?: string;
  /** The label of this import's `import.progress` events. */
  readonly progress?: string;
}

export interface SaveOutcome {
  /** False when the person cancelled a save dialog. */
  readonly saved: boolean;
  /** Where it went, in words ("your downloads folder", or the chosen path). */
  readonly where?: string;
}

export interface Connection {
  readonly mode: 'electron' | 'browser';
  readonly transport: Transport;
  /**
   * Live events. `resync` is ours, not the contract's: the event stream dropped and came
   * back, so events may have been missed and every screen should ask again.
   */
  subscribe(listener: (event: RawEvent | { readonly name: 'resync'; readonly payload: undefined }) => void): () => void;
  readonly files: FileTransfer;
}
