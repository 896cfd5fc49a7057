// SHA-256 (FIPS 180-4) for hashData: Node's native hash where node:crypto exists (about
// 3x faster on 1 KiB than pure JS, which matters on bulk import), @noble/hashes elsewhere.
import type * as NodeCrypto from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

function loadNativeHash(): typeof NodeCrypto.createHash | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
  return typeof mod?.createHash === 'function' ? mod.createHash : undefined;
}

const createHash = loadNativeHash();

export function sha256(data: Uint8Array): Uint8Array {
  if (createHash === undefined) return nobleSha256(data);
  return createHash('sha256').update(data).digest();
}
