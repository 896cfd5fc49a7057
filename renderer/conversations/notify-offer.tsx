// The offer to turn on desktop notifications for new messages, on the Conversations
// screen: asked when the person chooses (a browser asks once and remembers), not on load.
import { useState } from 'react';
import { notificationPermission } from './message-notifications.tsx';
import { permissionOffer } from './notify-decision.ts';

export function NotifyOffer() {
  const [permission, setPermission] = useState(notificationPermission);
  const offer = permissionOffer(permission);
  if (offer === 'none') return null;
  if (offer === 'blocked') {
    return <p className="note">Notifications of new messages are turned off for Kith. To get them, allow notifications for Kith in your system or browser settings.</p>;
  }
  return (
    <div className="notify-offer">
      <p>Get a notification when someone writes to you, even while Kith is in the background.</p>
      <button type="button" onClick={() => void Notification.requestPermission().then(setPermission, () => setPermission(notificationPermission()))}>
        Turn on notifications
      </button>
    </div>
  );
}
