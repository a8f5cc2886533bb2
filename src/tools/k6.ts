/** The pinned k6: found in the configured path, .tools/bin or on PATH, at exactly the pinned version. */
import { SignoffError } from '../errors.ts';
import { checkTool } from './check.ts';
import { K6_VERSION, toolSpec } from './registry.ts';

export interface ResolveK6Options {
  /** `k6` path from the configuration; when set, no other place is tried. */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedK6 {
  path: string;
  version: string;
}

export async function resolveK6(options: ResolveK6Options = {}): Promise<ResolvedK6> {
  const report = await checkTool(toolSpec('k6'), {
    env: options.env,
    configPaths: options.configPath ? { k6: options.configPath } : undefined,
  });
  if (report.status === 'ok' && report.path && report.version) {
    return { path: report.path, version: report.version };
  }
  throw new SignoffError('K6_NOT_FOUND', `k6 v${K6_VERSION} is needed: ${report.detail}`, {
    hint: `Run \`${report.fix}\` to build the pinned k6 into .tools/bin (or set the configured k6 path to a k6 v${K6_VERSION}).`,
  });
}
