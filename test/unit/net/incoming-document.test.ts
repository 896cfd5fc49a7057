// The holder's reader of a document answer against a stream that behaves as libp2p 3.3's
// yamux streams do around pause and resume: while paused, arriving bytes wait in the
// stream and no window update goes out (the owner stops once its window is spent);
// resume() first hands over what waited, then re-opens the window.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Stream } from '@libp2p/interface';
import { IncomingDocument } from '../../../src/net/protocols/document/incoming-document.ts';

class PausingStream extends EventTarget {
  readStatus: 'readable' | 'paused' = 'readable';
  readableEnded = false;
  maxReadBufferLength = 0;
  /** Whether the owner may send: yamux window updates flow. */
  windowOpen = true;
  #waiting: Uint8Array[] = [];

  /** Bytes from the owner: handed over now, or kept while paused. */
  arrive(bytes: Uint8Array): void {
    if (this.readStatus === 'paused') this.#waiting.push(bytes);
    else this.dispatchEvent(Object.assign(new Event('message'), { data: bytes }));
  }

  pause(): void {
    this.readStatus = 'paused';
    this.windowOpen = false;
  }

  resume(): void {
    this.readStatus = 'readable';
    for (const bytes of this.#waiting.splice(0)) this.dispatchEvent(Object.assign(new Event('message'), { data: bytes }));
    this.windowOpen = true;
  }
}

test('a pause needed by what a resume hands over holds: the window stays shut', async () => {
  const stream = new PausingStream();
  const pauseAboveBytes = 1024;
  const incoming = new IncomingDocument(stream as unknown as Stream, { maxHeaderBytes: 64, maxBodyBytes: 1 << 20, pauseAboveBytes });
  stream.arrive(Uint8Array.of(2, 0x7b, 0x7d)); // the header frame: "{}"
  await incoming.header(AbortSignal.timeout(1000));
  stream.arrive(new Uint8Array(2048)); // more than pauseAboveBytes: paused
  assert.equal(stream.readStatus, 'paused');
  stream.arrive(new Uint8Array(4096)); // waits in the stream
  const body = incoming.body();
  // Taking the queue resumes the stream; the 4096 bytes handed over need a pause again.
  const first = await body.next();
  assert.equal(first.done, false);
  assert.equal(stream.readStatus, 'paused');
  assert.equal(stream.windowOpen, false, 'the owner is held back, not sending into a paused stream');
  incoming.dispose();
});
