// The contract over IPC: one `ipcMain.handle(CALL_CHANNEL)` channel. Each call is
// checked — it must come from our window's top frame, on our own origin — then handed,
// still untrusted, to the same dispatcher the CLI and the bridge use (src/app/dispatch.ts),
// which parses it by the contract. Events go back to the window on one channel.
import { isMethodName } from '../src/api/contract.ts';
import type { Result } from '../src/api/result.ts';
import type { Dispatch } from '../src/app/dispatch.ts';
import type { ErrorCode, ErrorInfo } from '../src/base/errors.ts';
import type { PathGrants } from './path-grants.ts';
import { ungrantedPath } from './path-grants.ts';
import { isTrustedUrl } from './security.ts';

/** The parts of an IpcMainInvokeEvent / IpcMainEvent the check reads. */
export interface SenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The same bound as the loopback bridge's request bodies. */
export const MAX_INPUT_CHARS = 1024 * 1024;

export function refusal(code: ErrorCode, message: string, hint?: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
}

export const NOT_OUR_WINDOW = refusal('NotTrusted', 'This call did not come from the Kith window.');

/**
 * True only for our main window's top-level frame showing one of our own origins. The
 * frame can be null (it navigated away or was destroyed while the call was in flight):
 * refused, as is any subframe, another window, or a page that somehow navigated off-app.
 */
export function isTrustedSender(event: SenderLike, windowContentsId: number | undefined, origins: readonly string[]): boolean {
  if (windowContentsId === undefined || event.sender.id !== windowContentsId) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return isTrustedUrl(frame.url, origins);
}

/** Characters of the input as JSON, or undefined if it is not plain JSON data. */
function jsonSize(input: unknown): number | undefined {
  try {
    return JSON.stringify(input ?? {}).length;
  } catch {
    return undefined;
  }
}

export interface CallHandlerDeps {
  readonly dispatch: Dispatch;
  readonly isTrusted: (event: SenderLike) => boolean;
  readonly grants: PathGrants;
}

/** The handler for `ipcMain.handle(CALL_CHANNEL, …)`: (event, method, input) → Result. */
export function createCallHandler(deps: CallHandlerDeps): (event: SenderLike, method: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (event, method, input) => {
    if (!deps.isTrusted(event)) return NOT_OUR_WINDOW;
    if (!isMethodName(method)) {
      const name = typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : `(${typeof method})`;
      return refusal('InvalidInput', `There is no method called ${name}.`);
    }
    const size = jsonSize(input);
    if (size === undefined) return refusal('InvalidInput', `The input to ${method} is not plain data.`);
    if (size > MAX_INPUT_CHARS) return refusal('InvalidInput', `The input to ${method} is larger than ${MAX_INPUT_CHARS} characters.`);
    const path = ungrantedPath(method, input, deps.grants);
    if (path !== undefined) {
      return refusal('NotTrusted', 'Kith only uses files you drop on the window or choose in a dialog.', 'Drop the file on the window, or use the button to choose it.');
    }
    return deps.dispatch(method, input);
  };
}

export interface NodeEvent {
  readonly name: string;
  readonly payload: unknown;
}

/**
 * Forwards every node event to the window while it exists; returns the unsubscribe.
 * `send` is webContents.send bound to EVENT_CHANNEL; `alive` says the window still exists.
 */
export function forwardEvents(
  onEvent: (listener: (event: NodeEvent) => void) => () => void,
  send: (message: NodeEvent) => void,
  alive: () => boolean,
): () => void {
  return onEvent((event) => {
    if (alive()) send({ name: event.name, payload: event.payload });
  });
}
