/**
 * Type-checks a k6 scenario with the TypeScript API against src/k6's
 * tsconfig (k6 types, no Node types): k6 itself only strips types. Scenario
 * files may live anywhere (a customer's own folder), so `k6` resolves to this
 * project's @types/k6 wherever the importing file is.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { SignoffError } from '../errors.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const K6_TSCONFIG = join(PROJECT_ROOT, 'src/k6/tsconfig.json');
const K6_TYPES = join(PROJECT_ROOT, 'node_modules/@types/k6');

let cachedOptions: ts.CompilerOptions | undefined;

function compilerOptions(): ts.CompilerOptions {
  if (cachedOptions) return cachedOptions;
  const parsed = ts.getParsedCommandLineOfConfigFile(K6_TSCONFIG, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new SignoffError('INTERNAL', `${K6_TSCONFIG}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!parsed) throw new SignoffError('INTERNAL', `${K6_TSCONFIG}: cannot read`);
  cachedOptions = {
    ...parsed.options,
    typeRoots: [join(PROJECT_ROOT, 'node_modules/@types')],
    // k6's modules, and the contracts the client bundles with --verify-responses (src/k6/contract.ts).
    paths: { k6: [join(K6_TYPES, 'index.d.ts')], 'k6/*': [join(K6_TYPES, '*')], 'signoff-contract': [join(PROJECT_ROOT, 'src/contract/verify.ts')] },
  };
  return cachedOptions;
}

export interface TypeProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatTypeProblem(p: TypeProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.message}`;
}

/** TypeScript's "install @types/node" would send a k6 author the wrong way. */
const NODE_TYPES_ADVICE = new Set([2580, 2591]);

function messageOf(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!NODE_TYPES_ADVICE.has(d.code)) return message;
  const name = /'([^']+)'/.exec(message)?.[1] ?? 'it';
  return `${name} is Node, and k6 is not: scenarios run inside k6, which has no Node modules; use k6's own (k6/http, k6/crypto, k6/encoding, open() for files)`;
}

function toProblem(d: ts.Diagnostic, cwd: string): TypeProblem {
  const message = messageOf(d);
  if (!d.file || d.start === undefined) return { file: '(config)', line: 0, column: 0, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const rel = relative(cwd, d.file.fileName);
  const file = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? d.file.fileName : rel;
  return { file, line: line + 1, column: character + 1, message };
}

/** All type problems of the scenario and everything it imports (paths relative to `cwd`). */
export function typeProblems(scenarioFile: string, cwd = process.cwd()): TypeProblem[] {
  const program = ts.createProgram({ rootNames: [resolve(scenarioFile), join(PROJECT_ROOT, 'src/k6/globals.d.ts')], options: compilerOptions() });
  return ts.getPreEmitDiagnostics(program).map((d) => toProblem(d, cwd));
}

/** Scenarios found valid in this process (the run's preflight checks them, the load task compiles them). */
const valid = new Set<string>();

/** Throws SCENARIO_INVALID listing every problem as `file:line:col message`. */
export function assertTypesValid(scenarioFile: string, cwd = process.cwd()): void {
  const key = resolve(scenarioFile);
  if (valid.has(key)) return;
  const problems = typeProblems(scenarioFile, cwd);
  if (problems.length === 0) {
    valid.add(key);
    return;
  }
  throw new SignoffError('SCENARIO_INVALID', `${problems.length} type error(s):\n${problems.map(formatTypeProblem).join('\n')}`);
}
