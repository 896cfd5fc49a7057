// Desktop notifications for new messages (the web Notification API, which works in
// Electron's renderer and in a browser tab alike). Mounted once by the shell; it shows
// nothing itself. Permission is asked on the Conversations screen (notify-offer.tsx), when
// the person chooses to, never as the app loads.
import { useKithEvent } from '../state/kith-context.tsx';
import { shouldNotify, type Permission } from './notify-decision.ts';
import { conversationOnScreen, useOpenConversation } from './open-conversation.ts';

/** The browser's answer so far, or 'unsupported' where there is no Notification API. */
export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function MessageNotifications() {
  const open = useOpenConversation();
  useKithEvent((event) => {
    if (event.name !== 'message.received') return;
    const { peer, from, id, summary } = event.payload;
    const attending = document.visibilityState === 'visible' && document.hasFocus();
    if (!shouldNotify(peer, { permission: notificationPermission(), onScreen: conversationOnScreen(), attending })) return;
    // The tag folds repeats of one message (a reconnection replays events) into one notification.
    const notification = new Notification(`Message from ${from}`, { body: summary, tag: `kith-message-${id}` });
    notification.onclick = () => {
      window.focus();
      open(peer);
      notification.close();
    };
  });
  return null;
}
