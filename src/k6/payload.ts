/**
 * Upload payloads, built once per VU and size and then reused: generating
 * megabytes per request would make k6's CPU, not the server, the bottleneck.
 */
const cache = new Map<number, ArrayBuffer>();

export function payloadOfSize(bytes: number): ArrayBuffer {
  let payload = cache.get(bytes);
  if (!payload) {
    const view = new Uint8Array(bytes);
    // Not all zeros, so compression on the way does not flatter the figures.
    let state = bytes | 1;
    for (let i = 0; i < bytes; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      view[i] = state >>> 16;
    }
    payload = view.buffer;
    cache.set(bytes, payload);
  }
  return payload;
}
