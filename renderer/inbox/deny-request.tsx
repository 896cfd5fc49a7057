// Deny a request, after asking: the requester is told (even if offline now, once back),
// with a reason in my own words if I give one. Nothing of mine is shared.
import { useState } from 'react';
import type { RequestView } from '../../src/api/methods/requests.ts';
import { Confirm } from '../components/confirm.tsx';
import { Field } from '../components/field.tsx';
import { useKith } from '../state/kith-context.tsx';
import { typesText } from './request-words.ts';

export function DenyRequest({ request, onClose }: { request: RequestView; onClose: () => void }) {
  const { client } = useKith();
  const [reason, setReason] = useState('');
  const who = request.peer.petname;
  return (
    <Confirm
      title={`Deny ${who}'s request?`}
      confirmLabel="Deny request"
      onClose={onClose}
      onConfirm={() => client.call('inbox.deny', { id: request.id, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) }).then(() => undefined)}
    >
      <p>
        <strong>{who}</strong> asked for {typesText(request.types)} “{request.purpose}”. Nothing is shared, and they are told you said no.
      </p>
      <Field id="deny-reason" label="Reason to give them" maxLength={500} hint="In your own words; they see it with your answer." value={reason} onValue={setReason} />
    </Confirm>
  );
}
