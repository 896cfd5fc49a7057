// Unsigned LEB128 varints as libp2p length prefixes use them (multiformats
// unsigned-varint spec: 7 bits per byte, low groups first, the high bit set on every
// byte but the last, minimal encoding only). Kept here because the reader must count
// prefix bytes itself (see framing.ts: lpStream does not).

/** How many bytes the varint of `value` takes. */
export function varintLength(value: number): number {
  let length = 1;
  let rest = value;
  while (rest >= 0x80) {
    rest = Math.floor(rest / 0x80);
    length++;
  }
  return length;
}

/** `payload` prefixed by the varint of its length, as one buffer (one write, one frame). */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const prefixLength = varintLength(payload.byteLength);
  const frame = new Uint8Array(prefixLength + payload.byteLength);
  let rest = payload.byteLength;
  for (let i = 0; i < prefixLength; i++) {
    const group = rest % 0x80;
    rest = Math.floor(rest / 0x80);
    frame[i] = i === prefixLength - 1 ? group : group | 0x80;
  }
  frame.set(payload, prefixLength);
  return frame;
}
