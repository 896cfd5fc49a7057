// The offline JSON-LD document loader for eddsa-rdfc-2022. Kith never fetches a context:
// a credential verifies the same on a plane as at a desk, and a document cannot make the
// node call out to a URL of its choosing. The loader serves only the contexts bundled
// with Kith and refuses every other URL with Unsupported, naming it.
//   https://www.w3.org/ns/credentials/v2, https://www.w3.org/2018/credentials/v1 and
//   https://www.w3.org/ns/credentials/undefined-terms/v2 — @digitalbazaar/credentials-context
//   https://w3id.org/security/data-integrity/v1 and /v2 — @digitalbazaar/data-integrity-context
//   https://www.w3.org/ns/credentials/examples/v2 — ./contexts/ (the W3C text; see its README)
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import type { RemoteDocument } from 'jsonld';
import { KithError } from '../base/errors.ts';
import examplesV2 from './contexts/credentials-examples-v2.json' with { type: 'json' };

export const CREDENTIALS_EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Context URL → context document, frozen so that no caller can change what a URL means. */
const BUNDLED: ReadonlyMap<string, unknown> = new Map<string, unknown>(
  [
    ...credentialsContexts,
    ...dataIntegrityContext.contexts,
    [CREDENTIALS_EXAMPLES_V2_CONTEXT, examplesV2] as const,
  ].map(([url, document]) => [url, deepFreeze(structuredClone(document))]),
);

/** The URLs the loader serves. */
export function bundledContextUrls(): readonly string[] {
  return [...BUNDLED.keys()];
}

function shown(url: string): string {
  return url.length <= 200 ? url : `${url.slice(0, 200)}…`;
}

/** An error naming a context that is not bundled: what the loader throws, and what callers report. */
export function unknownContextError(url: string): KithError {
  return new KithError('Unsupported', `The credential uses the JSON-LD context ${shown(url)}, which Kith does not have offline.`, {
    hint: `Kith verifies eddsa-rdfc-2022 proofs offline, with the contexts it ships: ${bundledContextUrls().join(', ')}.`,
  });
}

/** jsonld's documentLoader: bundled contexts only, never the network. */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = typeof url === 'string' ? BUNDLED.get(url) : undefined;
  if (document === undefined) throw unknownContextError(String(url));
  return { contextUrl: null, documentUrl: url, document };
}
