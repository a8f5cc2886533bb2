/**
 * The import rules of docs DESIGN.md, checked by `npm run check`
 * (depcruise src reporters scenarios suites). test/layers.test.ts proves they bite.
 */
/** Modules that exist only inside k6 (k6, k6/http, k6/x/…); @types/k6 describes them. */
const K6_MODULES = '^(k6|k6/.+)$|^node_modules/@types/k6/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'k6-code-stays-in-k6',
      comment:
        'src/k6 and the scenarios are bundled into k6, which has no Node APIs: they import only src/k6, scenarios and k6 modules.',
      severity: 'error',
      from: { path: '^(src/k6|scenarios)/' },
      // src/contract is pure data and checks (zod/mini), bundled only with --verify-responses.
      to: { pathNot: ['^src/k6/', '^scenarios/', '^src/contract/', K6_MODULES] },
    },
    {
      name: 'contracts-are-pure',
      comment: 'src/contract is bundled into k6 by --verify-responses: it imports only itself and zod, no Node APIs.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: ['^src/contract/', '^node_modules/zod/'] },
    },
    {
      name: 'k6-code-has-no-node-builtins',
      comment: 'k6 is not Node: node:fs, node:path … do not exist there.',
      severity: 'error',
      from: { path: '^(src/k6|scenarios)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'reporters-read-only-the-model',
      comment: 'Reporters are pure renderers of the RunReport: they import src/model, each other and npm libraries only.',
      severity: 'error',
      from: { path: '^reporters/' },
      to: { pathNot: ['^reporters/', '^src/model/', '^node_modules/'] },
    },
    {
      name: 'reporters-have-no-node-builtins',
      comment: 'Reporters return what they render; the runner writes files, so the output depends on the report alone.',
      severity: 'error',
      from: { path: '^reporters/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'probes-and-load-do-not-import-the-cli',
      comment: 'The CLI is the outermost layer; probes and the load engine are used by it, never the other way round.',
      severity: 'error',
      from: { path: '^src/(probes|load)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'sandbox-is-a-separate-program',
      comment:
        'The harness talks to the sandbox over the network only; just the CLI, tests and scripts may import it. ' +
        'types.ts is the exception: the wire contract (sandbox.json) the harness reads.',
      severity: 'error',
      from: { pathNot: '^(src/sandbox|src/cli|test|scripts)/' },
      to: { path: '^src/sandbox/', pathNot: '^src/sandbox/types\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports make load order and responsibilities unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'imports-resolve',
      comment: 'Every relative import names a file that exists (with its .ts extension).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: K6_MODULES },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.tools|runs|\\.sandbox)/' },
    // Type-only imports count: a reporter importing a CLI type is still a layer breach.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
