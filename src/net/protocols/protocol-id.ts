// Kith protocol ids are versioned, `/kith/<name>/<major.minor.patch>` (architecture.md,
// "Protocols"; libp2p specs, connections/README.md, "Protocol Negotiation": ids are
// path-like strings compared exactly, a version in the last segment).
import { KithError } from '../../base/errors.ts';

const PROTOCOL_ID = /^\/kith\/[a-z][a-z0-9-]{0,31}\/\d{1,4}\.\d{1,4}\.\d{1,4}$/;

export function assertProtocolId(protocol: string): void {
  if (!PROTOCOL_ID.test(protocol)) throw new KithError('InvalidInput', `"${protocol}" is not a Kith protocol id (/kith/<name>/1.0.0).`);
}

/** `/kith/<name>/1.0.0` for a protocol name. */
export function protocolId(name: string, version = '1.0.0'): string {
  const id = `/kith/${name}/${version}`;
  assertProtocolId(id);
  return id;
}
