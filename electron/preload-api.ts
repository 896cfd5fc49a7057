// What the preload exposes as `window.kith`, built from the Electron objects it is given
// (ipcRenderer, webUtils) so a test can drive it with fakes. The page gets functions
// only: never ipcRenderer itself, never an IPC event object (its `sender` would hand the
// page the whole IPC surface).
import { CALL_CHANNEL, DESKTOP_CHANNEL, EVENT_CHANNEL, EXTERNAL_CHANNEL, GRANT_CHANNEL } from './channels.ts';
import { externalUrl } from './security.ts';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  sendSync(channel: string, ...args: unknown[]): unknown;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: never): string;
}

export interface KithEvent {
  readonly name: string;
  readonly payload: unknown;
}

export interface KithPreloadApi {
  call(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: KithEvent) => void): () => void;
  pathForFile(file: unknown): string;
  chooseSavePath(options: { title: string; defaultName: string; extensions?: string[] }): Promise<string | undefined>;
  chooseOpenPath(options: { title: string; extensions?: string[] }): Promise<string | undefined>;
  desktop(method: string, input?: unknown): Promise<unknown>;
}

/** A Result envelope's path, or a rejection with its message (contextBridge keeps only that). */
function pathFrom(envelope: unknown): string | undefined {
  const result = envelope as { ok?: unknown; value?: { path?: unknown }; error?: { message?: unknown } };
  if (result?.ok === true) return typeof result.value?.path === 'string' ? result.value.path : undefined;
  throw new Error(typeof result?.error?.message === 'string' ? result.error.message : 'The dialog could not be shown.');
}

export function buildPreloadApi(ipc: IpcRendererLike, webUtils: WebUtilsLike): KithPreloadApi {
  return {
    call(method, input) {
      if (typeof method !== 'string') return Promise.reject(new TypeError('kith.call(method, input): method must be a string'));
      return ipc.invoke(CALL_CHANNEL, method, input);
    },
    on(listener) {
      if (typeof listener !== 'function') throw new TypeError('kith.on(listener): listener must be a function');
      const forward = (_event: unknown, message: unknown): void => {
        const { name, payload } = (message ?? {}) as { name?: unknown; payload?: unknown };
        if (typeof name === 'string') listener({ name, payload });
      };
      ipc.on(EVENT_CHANNEL, forward);
      return () => void ipc.removeListener(EVENT_CHANNEL, forward);
    },
    pathForFile(file) {
      if (typeof file !== 'object' || file === null) return '';
      let path: string;
      try {
        // '' for a File made by script (new File([...])): only real files have a path.
        path = webUtils.getPathForFile(file as never);
      } catch {
        return '';
      }
      if (path === '') return '';
      // The person dropped or picked this file: let the node read it (see path-grants.ts).
      return ipc.sendSync(GRANT_CHANNEL, path) === true ? path : '';
    },
    async chooseSavePath(options) {
      return pathFrom(await ipc.invoke(DESKTOP_CHANNEL, 'dialog.save', options)) ?? undefined;
    },
    async chooseOpenPath(options) {
      return pathFrom(await ipc.invoke(DESKTOP_CHANNEL, 'dialog.open', options)) ?? undefined;
    },
    desktop(method, input) {
      if (typeof method !== 'string') return Promise.reject(new TypeError('kith.desktop(method, input): method must be a string'));
      return ipc.invoke(DESKTOP_CHANNEL, method, input ?? {});
    },
  };
}

/** The parts of a DOM click event the link check reads. */
export interface ClickLike {
  readonly isTrusted: boolean;
  readonly defaultPrevented: boolean;
  readonly button: number;
  readonly target: unknown;
}

/**
 * The http(s) URL a real click on a link asks to open, if any. `isTrusted` is false for
 * clicks a script dispatches, so page script cannot open a browser tab on its own.
 * Links inside the app (app://kith/…) return undefined and navigate as usual.
 */
export function clickedExternalLink(event: ClickLike): string | undefined {
  if (!event.isTrusted || event.defaultPrevented || (event.button !== 0 && event.button !== 1)) return undefined;
  const target = event.target as { closest?: (selector: string) => { href?: unknown } | null } | null;
  const anchor = typeof target?.closest === 'function' ? target.closest('a[href]') : null;
  return anchor === null || anchor === undefined ? undefined : externalUrl(anchor.href);
}

/** Sends a clicked external link to the main process, which opens the person's browser. */
export function openClickedLink(event: ClickLike & { preventDefault(): void }, ipc: Pick<IpcRendererLike, 'send'>): void {
  const url = clickedExternalLink(event);
  if (url === undefined) return;
  event.preventDefault();
  ipc.send(EXTERNAL_CHANNEL, url);
}
