// Fixed keys and valid signed samples for the targets: the same every run, so a failing
// seed reproduces exactly.
import { OwnerKey } from '../../../src/identity/identity.ts';

export const owner = OwnerKey.fromSeed(new Uint8Array(32).fill(1));
export const holder = OwnerKey.fromSeed(new Uint8Array(32).fill(2));
