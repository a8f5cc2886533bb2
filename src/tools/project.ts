/** Where the project keeps its own tools (.tools/bin: Node 24, the pinned k6). */
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_TOOLS_DIR = path.join(PROJECT_ROOT, '.tools', 'bin');

/**
 * SIGNOFF_TOOLS_DIR replaces .tools/bin, also where .tools/bin appears on PATH
 * (scripts/signoff puts it there), so a test or a packager can point signoff
 * at another set of tools.
 */
export function projectToolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SIGNOFF_TOOLS_DIR ? path.resolve(env.SIGNOFF_TOOLS_DIR) : DEFAULT_TOOLS_DIR;
}
