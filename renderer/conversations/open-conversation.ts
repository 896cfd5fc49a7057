// Which conversation is open, shared across screens without a router: another screen (a
// contact's page, a vendor's panel, a notification) asks for one and moves to
// Conversations, which opens it; and the open thread says whose it is, so a notification
// is not shown for the conversation the person is reading.
import { useCallback } from 'react';
import { useNavigate } from '../shell/navigation.tsx';

export interface Wanted {
  readonly peer: string;
  /** The agreement a new message is tied to (a vendor's panel chooses one). */
  readonly agreementId?: string;
}

let wanted: Wanted | undefined;
let onScreen: string | undefined;

/** Opens the conversation with `peer` on the Conversations screen, from anywhere. */
export function useOpenConversation(): (peer: string, agreementId?: string) => void {
  const navigate = useNavigate();
  return useCallback(
    (peer, agreementId) => {
      wanted = agreementId === undefined ? { peer } : { peer, agreementId };
      // A screen already showing Conversations hears of it through this event.
      window.dispatchEvent(new CustomEvent(WANTED_EVENT));
      navigate('conversations');
    },
    [navigate],
  );
}

export const WANTED_EVENT = 'kith:open-conversation';

/** The conversation asked for, if any; asked again until `forgetWanted` (React may render twice). */
export function peekWanted(): Wanted | undefined {
  return wanted;
}

export function forgetWanted(): void {
  wanted = undefined;
}

/** Called by the open thread as it mounts (its peer) and unmounts (undefined). */
export function setOnScreen(peer: string | undefined): void {
  onScreen = peer;
}

export function conversationOnScreen(): string | undefined {
  return onScreen;
}
