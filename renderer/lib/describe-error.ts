// Errors in plain words. The core's messages are already written for people; here we add
// what the person can do for the codes a UI meets, and never show internal detail.
import { isKithError } from '../../src/base/errors.ts';

export interface Described {
  readonly message: string;
  readonly hint?: string;
}

const HINTS: Partial<Record<string, string>> = {
  WrongPassphrase: 'Check it and try again; passphrases are case-sensitive.',
  KeyLocked: 'Unlock Kith with your passphrase, then try again.',
  Locked: 'Another Kith process is using this data folder. Close it, then try again.',
  Corrupt: 'The data did not pass its integrity checks. Nothing was changed.',
  // A flood guard on the other node (a message stream, a request): nothing was lost.
  RateLimited: 'Wait a moment, then try again.',
};

export function describeError(error: unknown): Described {
  if (isKithError(error)) {
    if (error.code === 'Internal') return { message: 'Something went wrong inside Kith.', hint: 'This is a bug; please report it. Your data was not changed.' };
    if (error.code === 'WrongPassphrase') return { message: 'That passphrase is not right.', hint: HINTS['WrongPassphrase'] ?? '' };
    const hint = error.hint ?? HINTS[error.code];
    return hint === undefined ? { message: error.message } : { message: error.message, hint: toUiWords(hint) };
  }
  return { message: 'Something unexpected happened.', hint: 'Reload the page and try again.' };
}

/** The core's hints name CLI commands; in the UI, point at the screen instead. */
function toUiWords(hint: string): string {
  return UI_WORDS.reduce((text, [cli, ui]) => text.replace(cli, ui), hint);
}

const UI_WORDS: readonly (readonly [RegExp, string])[] = [
  [/See your records with `kith data list`\./, 'See your records under My data.'],
  [/Unlock it with your passphrase first\./, 'Unlock Kith with your passphrase first.'],
  // Requests and agreements (src/app/services/requests-service.ts, agreements-service.ts).
  [/Start it with `kith start` \(and unlock it\) first\./, 'See Network for why it is offline.'],
  [/See (?:what was asked for|them) with `kith inbox`\./, 'See the requests in the Inbox.'],
  [/Add one with `kith data set`, or deny the request with `kith deny \S+`\./, 'Add one under My data, or deny the request.'],
  [/Unblock them first, or deny it with `kith deny \S+`\./, 'Unblock them under People & circles, or deny the request.'],
  [/Deny it with `kith deny \S+`\./, 'Deny the request instead.'],
  [/See them with `kith contacts`\./, 'See them under People & circles.'],
  [/See them with `kith agreements`\./, 'See them under Vendors & agreements.'],
  [/Its node must run `kith start --vendor`\./, 'Its node must run as a vendor node.'],
  // The vendor console (src/app/services/vendor-service.ts, src/vendor/store/).
  [/See your customers with `kith vendor customers`\./, 'See them under Customers.'],
  [/See them with `kith vendor webhook list`\./, 'See them under Webhooks.'],
  // Recovery with friends (src/app/services/recovery-service.ts, the recovery protocol).
  [/See whose you hold with `kith recovery status`\./, 'See whose you hold under Settings → Help a friend recover.'],
  [/Add --for NAME \(the person who gave you the code\)\./, 'Choose whose recovery it is.'],
  [/It must be running and waiting \(`kith recovery start`\); ask for the code it shows now\./, 'It must be running and waiting for approvals; ask for the code it shows now.'],
  [/Choose another folder with --data-dir or KITH_HOME\./, 'Recovery starts in a Kith that has no identity yet.'],
  [/Share with people directly with `kith grant`\./, 'Share with people from My data.'],
  [/Proffer your terms first: kith agree .*$/, 'Propose an agreement to it first, under Vendors & agreements.'],
  // Conversations (src/app/services/conversations-service.ts, src/app/conversations/compose.ts).
  [/See your contacts with `kith contacts`\./, 'See them under People & circles.'],
  [/Invite them first \(`kith invite`\), then write\./, 'Invite them first under People & circles, then write.'],
  [/See your agreements with `kith agreements`\./, 'See them under Vendors & agreements.'],
  [/Add the file first with `kith doc add FILE`\./, 'Add the file under Documents first.'],
  [/Share under one with --purpose set to its purpose or id, or agree on new terms with `kith agree`\./, 'Share under one of them from Vendors & agreements, or propose new terms there.'],
];
