// The few entry points Kith uses from packages that ship no TypeScript types
// (jsonld, rdf-canonize, and the two context packages). Only what eddsa-rdfc-2022.ts and
// jsonld-loader.ts call is declared, with the options they pass.

declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface ToRdfOptions {
    documentLoader: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    rdfDirection?: string | null;
    produceGeneralizedRdf?: boolean;
  }
  /** An RDF dataset: a list of quads in jsonld's (RDF/JS-like) form. */
  export type Dataset = readonly object[];
  const jsonld: {
    toRDF(input: unknown, options: ToRdfOptions): Promise<Dataset>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format?: 'application/n-quads';
    maxWorkFactor?: number;
    maxDeepIterations?: number;
    signal?: AbortSignal;
    rejectURDNA2015?: boolean;
  }
  const rdfCanonize: {
    canonize(dataset: readonly object[], options: CanonizeOptions): Promise<string>;
  };
  export default rdfCanonize;
}

declare module '@digitalbazaar/credentials-context' {
  /** Context URL → the context document ({"@context": …}). */
  export const contexts: ReadonlyMap<string, unknown>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const dataIntegrityContext: { readonly contexts: ReadonlyMap<string, unknown> };
  export default dataIntegrityContext;
}
