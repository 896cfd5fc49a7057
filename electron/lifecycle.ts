// Decisions of the app's lifecycle that do not need Electron to be made: what closing
// the window does, and what a second launch does. main.ts wires them to the events.

export type CloseAction = 'hide' | 'close';

export interface CloseState {
  /** The person chose Quit (tray, menu, Cmd+Q) or the OS is shutting down. */
  readonly quitting: boolean;
  /** The setting "closing the window keeps Kith running in the tray". */
  readonly closeToTray: boolean;
  /** Whether a tray icon exists; without one a hidden window could never come back. */
  readonly hasTray: boolean;
}

/** On the window's 'close': hide it (the node keeps running) or let it close. */
export function closeAction(state: CloseState): CloseAction {
  return !state.quitting && state.closeToTray && state.hasTray ? 'hide' : 'close';
}

/** On 'window-all-closed': quit, unless the node is meant to stay in the tray. */
export function quitWhenAllClosed(state: Omit<CloseState, 'quitting'>): boolean {
  return !(state.closeToTray && state.hasTray);
}
