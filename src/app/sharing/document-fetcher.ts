// Brings the files of documents shared with me to this node. Someone who shares a document
// expects their friend to be able to open it, so a file up to AUTO_FETCH_MAX_BYTES is
// fetched in the background as soon as its record arrives; a larger one when the person
// asks (`shared.fetch`, or saving it out). Each file streams straight into the blob store,
// which refuses anything but the promised bytes (trust/shared-files.ts notes it, so it can
// be deleted once nothing names it). A failed attempt is retried with backoff, at once
// when the owner connects; a revoked grant or a newer version cancels a fetch in progress.
import { KithError, type ErrorCode } from '../../base/errors.ts';
import type { Signer } from '../../identity/signer.ts';
import type { KithNode } from '../../net/node.ts';
import type { DocumentProtocol } from '../../net/protocols/document/document-protocol.ts';
import type { Locker } from '../../store/locker.ts';
import { isNoted, noteFetched, releaseUnreferenced, sharedFiles, type SharedFile } from '../../trust/shared-files.ts';
import type { SharedItem } from '../../trust/shared-with-me.ts';

/** Larger files wait to be asked for: a phone on a metered link should not pull 4 GiB unasked. */
export const AUTO_FETCH_MAX_BYTES = 256 * 1024 * 1024;
/** Fetches at once, in all; and one per owner in the background (the owner allows two). */
const MAX_RUNNING = 2;
/** Retries: 5 s, 10 s, 20 s … up to 10 min, ±20%. */
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;
/** Changes to what is shared arrive in bursts (a catch-up): one pass after the burst. */
const SETTLE_MS = 300;

export type FileStatus =
  | { readonly state: 'fetching'; readonly received: number }
  | { readonly state: 'waiting'; readonly error?: ErrorCode; readonly retryAt?: string }
  | { readonly state: 'on-request' }
  | { readonly state: 'unavailable' };

export interface FetcherDeps {
  readonly node: Pick<KithNode, 'onPeerConnected'>;
  readonly documents: Pick<DocumentProtocol, 'fetch'>;
  readonly locker: () => Promise<Locker>;
  /** What is shared with us (the holdings' list), whose documents name the files. */
  readonly shared: () => Promise<readonly SharedItem[]>;
  readonly signer: () => Signer;
  /** Something about shared files changed (one arrived, one was deleted). */
  readonly onChange: () => void;
  readonly autoFetchMaxBytes?: number;
}

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<void>;
  received: number;
}

interface Entry {
  readonly file: SharedFile;
  attempts: number;
  due: number;
  requested: boolean;
  error?: ErrorCode;
  running?: Running;
}

export function retryDelay(attempts: number, random = Math.random()): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

export class DocumentFetcher {
  readonly #deps: FetcherDeps;
  readonly #autoMax: number;
  readonly #entries = new Map<string, Entry>();
  #pass: Promise<void> | undefined;
  #again = false;
  #settle: NodeJS.Timeout | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: () => void = () => undefined;
  #stopped = false;

  constructor(deps: FetcherDeps) {
    this.#deps = deps;
    this.#autoMax = deps.autoFetchMaxBytes ?? AUTO_FETCH_MAX_BYTES;
  }

  start(): void {
    this.#unsubscribe = this.#deps.node.onPeerConnected((peer) => this.#wake(peer));
    void this.reconcile().catch(() => undefined);
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    clearTimeout(this.#timer);
    clearTimeout(this.#settle);
    for (const entry of this.#entries.values()) entry.running?.controller.abort(new KithError('Aborted', 'The node is stopping.'));
  }

  /** What is shared changed: look again, soon (bursts of changes make one pass). */
  changed(): void {
    if (this.#stopped || this.#settle !== undefined) return;
    this.#settle = setTimeout(() => {
      this.#settle = undefined;
      void this.reconcile().catch(() => undefined);
    }, SETTLE_MS);
  }

  /**
   * Brings the plan in line with what is shared: fetches for new files, cancels those no
   * longer shared (or replaced by a newer version), deletes files nothing names.
   */
  reconcile(): Promise<void> {
    if (this.#pass !== undefined) {
      this.#again = true;
      return this.#pass;
    }
    this.#pass = (async () => {
      do {
        this.#again = false;
        await this.#reconcileOnce();
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#pass = undefined;
    });
    return this.#pass;
  }

  /** The status of a shared file that is not here yet. */
  status(file: SharedFile): FileStatus {
    const entry = this.#entries.get(file.key);
    if (file.expired) return { state: 'unavailable' };
    if (entry === undefined || entry.file.sha256 !== file.sha256) return file.size > this.#autoMax ? { state: 'on-request' } : { state: 'waiting' };
    if (entry.running !== undefined) return { state: 'fetching', received: entry.running.received };
    if (!entry.requested && file.size > this.#autoMax) return { state: 'on-request' };
    return { state: 'waiting', ...(entry.error === undefined ? {} : { error: entry.error, retryAt: new Date(entry.due).toISOString() }) };
  }

  /**
   * Fetches `file` now, whatever its size (the person asked), and resolves when it is here;
   * `wait: false` only starts it. Throws the transfer's failure when waiting.
   */
  async fetch(file: SharedFile, options: { wait: boolean }): Promise<void> {
    if (this.#stopped) throw new KithError('Aborted', 'The node is stopping.');
    if (file.expired) throw new KithError('NotTrusted', 'The grant for this document has expired: its owner no longer sends the file.');
    let entry = this.#entries.get(file.key);
    if (entry === undefined || entry.file.sha256 !== file.sha256) {
      entry?.running?.controller.abort(new KithError('Aborted', 'A newer version replaced this document.'));
      entry = { file, attempts: 0, due: Date.now(), requested: true };
      this.#entries.set(file.key, entry);
    }
    entry.requested = true;
    entry.due = Date.now();
    const running = entry.running ?? this.#run(entry);
    if (options.wait) await running.done;
  }

  async #reconcileOnce(): Promise<void> {
    if (this.#stopped) return;
    const locker = await this.#deps.locker();
    const shared = await this.#deps.shared();
    const files = sharedFiles(shared);
    const current = new Map(files.map((file) => [file.key, file]));
    for (const [key, entry] of this.#entries) {
      const file = current.get(key);
      if (file !== undefined && file.sha256 === entry.file.sha256 && !file.expired) continue;
      entry.running?.controller.abort(new KithError('Aborted', 'The document is no longer shared in this version.'));
      this.#entries.delete(key);
    }
    for (const file of files) {
      if (this.#entries.has(file.key)) continue;
      if (await locker.blobs.has(file.sha256)) {
        if (!(await isNoted(locker, file.sha256))) await noteFetched(locker, this.#deps.signer(), file, { audit: false });
        continue;
      }
      if (!file.expired) this.#entries.set(file.key, { file, attempts: 0, due: Date.now(), requested: false });
    }
    if ((await releaseUnreferenced(locker, this.#deps.signer(), shared)).length > 0) this.#deps.onChange();
    this.#pump();
  }

  /** Starts what is due, within the limits, and sets the timer for the next due entry. */
  #pump(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    const now = Date.now();
    const entries = [...this.#entries.values()].filter((e) => e.requested || e.file.size <= this.#autoMax);
    let running = entries.filter((e) => e.running !== undefined).length;
    const busy = new Set(entries.filter((e) => e.running !== undefined).map((e) => e.file.from));
    let next = Infinity;
    for (const entry of entries.sort((a, b) => a.due - b.due)) {
      if (entry.running !== undefined) continue;
      if (entry.due > now || running >= MAX_RUNNING || busy.has(entry.file.from)) {
        if (entry.due > now) next = Math.min(next, entry.due);
        continue;
      }
      this.#run(entry);
      running++;
      busy.add(entry.file.from);
    }
    if (next !== Infinity) this.#timer = setTimeout(() => this.#pump(), Math.max(0, next - now));
  }

  #run(entry: Entry): Running {
    const controller = new AbortController();
    const { file } = entry;
    const running: Running = {
      controller,
      received: 0,
      done: (async () => {
        try {
          const locker = await this.#deps.locker();
          await this.#deps.documents.fetch(
            file.from,
            { request: { grant: file.grant, record: file.record, sha256: file.sha256 }, size: file.size },
            (body) => locker.blobs.put(body, { expect: { sha256: file.sha256, size: file.size } }),
            { signal: controller.signal, onProgress: (received) => (running.received = received) },
          );
          await noteFetched(locker, this.#deps.signer(), file);
          if (this.#entries.get(file.key) === entry) this.#entries.delete(file.key);
        } catch (error) {
          entry.attempts++;
          entry.error = error instanceof KithError ? error.code : 'Internal';
          entry.due = Date.now() + retryDelay(entry.attempts);
          throw error;
        } finally {
          entry.running = undefined;
          this.#deps.onChange();
          this.#pump();
        }
      })(),
    };
    running.done.catch(() => undefined);
    entry.running = running;
    this.#deps.onChange();
    return running;
  }

  /** The owner just connected: what waits for it is due now. */
  #wake(peer: string): void {
    let woke = false;
    for (const entry of this.#entries.values()) {
      if (entry.file.from === peer && entry.running === undefined && entry.due > Date.now()) {
        entry.due = Date.now();
        woke = true;
      }
    }
    if (woke) this.#pump();
  }
}
