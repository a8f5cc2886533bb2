/**
 * Random free high ports on 127.0.0.1. 20000–32767 lies below Linux's
 * ephemeral range, so outgoing sockets never take them. Picking is racy (P15):
 * services retry with fresh ports when their bind fails.
 */
import { createServer } from 'node:net';
import { randomInt } from 'node:crypto';

const LOW = 20000;
const HIGH = 32767;

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const handedOut = new Set<number>();

/** `count` distinct ports that were free a moment ago (never the same twice in this process). */
export async function pickFreePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; ports.length < count && attempt < 500; attempt++) {
    const port = randomInt(LOW, HIGH + 1);
    if (handedOut.has(port) || ports.includes(port)) continue;
    if (await isPortFree(port)) {
      ports.push(port);
      handedOut.add(port);
    }
  }
  if (ports.length < count) throw new Error(`found only ${ports.length} of ${count} free ports in ${LOW}–${HIGH}`);
  return ports;
}
