/** Where the run happened, for the report; injectable so reports can be reproduced in tests. */
import os from 'node:os';
import type { RunReport } from '../model/types.ts';
import pkg from '../../package.json' with { type: 'json' };

export type Environment = RunReport['environment'];

export function currentEnvironment(): Environment {
  return {
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    cpus: os.availableParallelism(),
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
  };
}

export const HARNESS_VERSION: string = pkg.version;
