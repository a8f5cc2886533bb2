/** Entry of one stand-in node: `node src/sandbox/ox/main.ts <configJsonPath>` (spawned by the sandbox supervisor). */
import { readFileSync } from 'node:fs';
import type { OxNodeConfig } from '../types.ts';
import { startNode } from './server.ts';

const configPath = process.argv[2];
if (!configPath) {
  process.stderr.write('usage: node src/sandbox/ox/main.ts <configJsonPath>\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8')) as OxNodeConfig;
const node = await startNode(config);
process.stdout.write(`ready ${config.route} http://${config.host}:${config.port}\n`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  node.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
