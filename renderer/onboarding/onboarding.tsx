// First run: create an identity (passphrase → recovery phrase → check the written copy)
// or restore one. The app keeps this mounted until the phrase is confirmed, even though
// the identity already exists once `identity.init` answers.
import { useState } from 'react';
import { ConfirmPhrase } from './confirm-phrase.tsx';
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

type Step = 'welcome' | 'create' | 'restore' | 'confirm';

export function Onboarding({ phrase, create, onFinished }: OnboardingProps) {
  const [step, setStep] = useState<Step>('welcome');
  const words = phrase?.split(' ') ?? [];
  return (
    <main className="centered" id="main">
      {phrase !== undefined && step === 'confirm' ? (
        <ConfirmPhrase words={words} onConfirmed={onFinished} onShowAgain={() => setStep('create')} />
      ) : phrase !== undefined ? (
        <ShowPhrase words={words} onWritten={() => setStep('confirm')} />
      ) : step === 'create' ? (
        <CreateIdentity create={create} onBack={() => setStep('welcome')} />
      ) : step === 'restore' ? (
        <RestoreIdentity onBack={() => setStep('welcome')} />
      ) : (
        <Welcome onCreate={() => setStep('create')} onRestore={() => setStep('restore')} />
      )}
    </main>
  );
}
