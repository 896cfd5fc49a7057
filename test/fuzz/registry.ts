// Every fuzz target, by area: `npm run fuzz` and the CI quick pass run this list.
import type { Target } from './target.ts';
import { framingTargets } from './targets/framing.ts';
import { protocolTargets } from './targets/protocol-messages.ts';
import { signedMessageTargets } from './targets/signed-messages.ts';
import { credentialTargets } from './targets/credentials.ts';
import { codeTargets } from './targets/codes.ts';
import { bundleTargets } from './targets/bundle.ts';
import { bridgeTargets } from './targets/bridge.ts';

export const TARGETS: readonly Target[] = [...framingTargets, ...protocolTargets, ...signedMessageTargets, ...credentialTargets, ...codeTargets, ...bundleTargets, ...bridgeTargets];
