// First run: create an identity (passphrase → recovery phrase → check the written copy),
// restore one from its phrase, or recover it with friends. The app keeps this mounted until the phrase is confirmed, even though
// the identity already exists once `identity.init` answers.
import { useEffect, useRef, useState } from 'react';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { ConfirmPhrase } from './confirm-phrase.tsx';
import { RecoverWithFriends } from './recover-with-friends.tsx';
import { CreateIdentity } from './create-identity.tsx';
import { RestoreIdentity } from './restore-identity.tsx';
import { ShowPhrase } from './show-phrase.tsx';
import { Welcome } from './welcome.tsx';

export interface OnboardingProps {
  /** The new identity's phrase, once created. */
  readonly phrase: string | undefined;
  readonly create: (passphrase: string) => Promise<void>;
  readonly onFinished: () => void;
}

type Step = 'welcome' | 'create' | 'restore' | 'recover' | 'confirm';

export function Onboarding({ phrase, create, onFinished }: OnboardingProps) {
  const { client } = useKith();
  const [step, setStep] = useState<Step>('welcome');
  // A recovery session lives in the node, not the page: after a reload, show it again.
  const session = useQuery(() => client.call('recovery.session', {}), [], (event) => event.name === 'recovery.changed');
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || session.data === undefined) return;
    resumed.current = true;
    if (session.data.state !== 'none' && phrase === undefined) setStep('recover');
  }, [session.data, phrase]);
  const words = phrase?.split(' ') ?? [];
  return (
    <main className="centered" id="main">
      {phrase !== undefined && step === 'confirm' ? (
        <ConfirmPhrase words={words} onConfirmed={onFinished} onShowAgain={() => setStep('create')} />
      ) : phrase !== undefined ? (
        <ShowPhrase words={words} onWritten={() => setStep('confirm')} />
      ) : step === 'create' ? (
        <CreateIdentity create={create} onBack={() => setStep('welcome')} />
      ) : step === 'recover' ? (
        <RecoverWithFriends session={session.data} onBack={() => setStep('welcome')} onChanged={session.reload} />
      ) : step === 'restore' ? (
        <RestoreIdentity onBack={() => setStep('welcome')} />
      ) : (
        <Welcome onCreate={() => setStep('create')} onRestore={() => setStep('restore')} onRecover={() => setStep('recover')} />
      )}
    </main>
  );
}
