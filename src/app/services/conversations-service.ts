// conversations.*: the contract's conversation methods. (Placeholder while the protocol is
// built: every method answers Unsupported, so the UI can be built against the contract.)
import type { AppApi } from '../../api/contract.ts';
import { KithError } from '../../base/errors.ts';

type ConversationsApi = Pick<AppApi, 'conversations.send' | 'conversations.list' | 'conversations.thread' | 'conversations.markRead' | 'conversations.delete'>;

function notYet(): never {
  throw new KithError('Unsupported', 'Conversations are not ready in this build yet.');
}

export function conversationsService(): ConversationsApi {
  return {
    'conversations.send': async () => notYet(),
    'conversations.list': async () => notYet(),
    'conversations.thread': async () => notYet(),
    'conversations.markRead': async () => notYet(),
    'conversations.delete': async () => notYet(),
  };
}
