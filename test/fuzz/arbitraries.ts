// Inputs shared by the targets: raw bytes, text, JSON, and — the ones that reach past a
// decoder's first check — valid samples with a few random edits (a leaf replaced, a key
// dropped or added, a value wrapped), as a hostile peer would send them.
import fc from 'fast-check';
import type { JsonValue } from '../../src/credentials/types.ts';

/** Bounded sizes: a case's memory is bounded by its input. */
export const MAX_BYTES = 2048;

export const bytes = (maxLength = MAX_BYTES): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength });

/** Strings of every kind of code unit, lone surrogates and controls included. */
export const anyText = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\n', '\r', '%', '\\', '"', ' '), maxLength: 20 }));

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, -1, 1e308, -0, '', 'x', '\ud800', [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
);

export const json: fc.Arbitrary<JsonValue> = fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue> }, leaf);

export interface Edit {
  readonly at: number;
  readonly op: 'replace' | 'delete' | 'insert' | 'wrap';
  readonly key: string;
  readonly value: JsonValue;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'insert', 'wrap'),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('type', 'id', 'proof', '__proto__', 'constructor', 'credentialSubject', 'issuer')),
  value: fc.oneof(leaf, json),
});

function nodes(value: JsonValue, out: { parent: JsonValue[] | Record<string, JsonValue>; key: string | number }[] = []): typeof out {
  if (Array.isArray(value)) {
    value.forEach((child, index) => {
      out.push({ parent: value, key: index });
      nodes(child, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ parent: value, key });
      nodes(child, out);
    }
  }
  return out;
}

/** `sample` with `edits` applied (on a copy): each edit picks one node of the tree by index. */
export function applyEdits(sample: JsonValue, edits: readonly Edit[]): JsonValue {
  const root = structuredClone(sample);
  for (const { at, op, key, value: shared } of edits) {
    // A copy: fast-check hands out the same constant ({} or []) to many edits, and inserting
    // into a shared one would tie the tree into a cycle.
    const value = structuredClone(shared);
    const all = nodes(root);
    if (all.length === 0) return value;
    const { parent, key: slot } = all[at % all.length]!;
    const children = parent as Record<string | number, JsonValue>;
    if (op === 'replace') children[slot] = value;
    else if (op === 'wrap') children[slot] = [children[slot]!];
    else if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(slot as number, 1);
      else delete children[slot];
    } else {
      const target = children[slot];
      if (Array.isArray(target)) target.push(value);
      else if (target !== null && typeof target === 'object') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      else children[slot] = { [key]: value };
    }
  }
  return root;
}

/** Up to four edits to a JSON value (applyEdits), for samples known only once a target is set up. */
export const jsonEdits: fc.Arbitrary<Edit[]> = fc.array(edit, { minLength: 0, maxLength: 4 });

/** A sample as sent, or with one to four edits. */
export function mutated(samples: readonly JsonValue[]): fc.Arbitrary<JsonValue> {
  return fc.tuple(fc.constantFrom(...samples), jsonEdits).map(([sample, edits]) => applyEdits(sample, edits));
}

const encoder = new TextEncoder();

/** Bytes a peer might send for a protocol whose valid messages look like `samples`. */
export function wireBytes(samples: readonly JsonValue[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: bytes() },
    { weight: 1, arbitrary: json.map((value) => encoder.encode(JSON.stringify(value))) },
    { weight: 4, arbitrary: mutated(samples).map((value) => encoder.encode(JSON.stringify(value))) },
    { weight: 1, arbitrary: fc.tuple(mutated(samples), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([value, at, byte]) => flip(encoder.encode(JSON.stringify(value)), at, byte)) },
  );
}

/** `data` with the byte at `at` (mod its length) set to `byte`. */
export function flip(data: Uint8Array, at: number, byte: number): Uint8Array {
  if (data.length === 0) return data;
  const copy = Uint8Array.from(data);
  copy[at % copy.length] = byte;
  return copy;
}

export type ByteEdit = { kind: 'flip'; at: number; byte: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; data: Uint8Array };

/** Edits to a byte string: flips, cuts and insertions, as damage in transit or on disk does. */
export function byteEdits(maxInsert = 64): fc.Arbitrary<ByteEdit[]> {
  const change = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), data: fc.uint8Array({ maxLength: maxInsert }) }) },
  );
  return fc.array(change, { minLength: 1, maxLength: 4 });
}

/** `sample` with `edits` applied (positions taken modulo its length), on a copy. */
export function applyByteEdits(sample: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let data = sample;
  for (const c of edits) {
    const at = data.length === 0 ? 0 : c.at % (data.length + 1);
    if (c.kind === 'flip') data = flip(data, c.at, c.byte);
    else if (c.kind === 'cut') data = data.subarray(0, at);
    else data = Uint8Array.from([...data.subarray(0, at), ...c.data, ...data.subarray(at)]);
  }
  return data;
}
