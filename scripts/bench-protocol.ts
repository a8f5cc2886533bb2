/**
 * Render + sign of an approval-size protocol (≥ 30 checks, ≥ 10 charts,
 * ≥ 10 screenshots): median wall time of 3 renderProtocolForRun() calls with
 * the demo key (goal ≤ 3 s), the phases of one more, the PDF size, and verify.
 * Run: scripts/with-tools node scripts/bench-protocol.ts
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderProtocolHtml } from '../reporters/protocol/index.ts';
import { renderProtocolPdf } from '../src/report/pdf.ts';
import { readEmbeddedEvidence, readRunReport } from '../src/report/read-run.ts';
import { renderProtocolForRun } from '../src/report/render-run.ts';
import { DEMO_P12_FILE, DEMO_PASSPHRASE, ensureDemoKey } from '../src/sign/demo-key.ts';
import { signPdf } from '../src/sign/sign.ts';
import { verifyRun } from '../src/sign/verify.ts';
import { catalogue, protocolOptions } from '../test/fixtures/reports/options.ts';
import { writeRunFolder } from '../test/fixtures/reports/synthetic.ts';

const RUNS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (n: number): string => `${Math.round(n)} ms`;

const root = await mkdtemp(join(tmpdir(), 'bench-protocol-'));
try {
  const keyDir = join(root, 'keys');
  await ensureDemoKey(keyDir); // key generation is one-off, not part of a run
  const runDir = join(root, 'run');
  const report = await writeRunFolder(runDir);
  const charts = report.load.reduce((n, l) => n + 4 + (l.cluster ? 1 : 0), 0);
  const screenshots = report.checks.flatMap((c) => c.evidence).filter((e) => e.path.endsWith('.png')).length;
  console.log(`report: ${report.checks.length} checks, ${report.load.length} load scenarios, ${charts} charts, ${screenshots} screenshots`);

  const totals: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const result = await renderProtocolForRun(runDir, { requirementsCatalogue: catalogue(), signatories: protocolOptions().signatories, project: protocolOptions().project, signing: { kind: 'demo', keyDir } });
    totals.push(performance.now() - start);
    if (result.signature !== 'demo') throw new Error(`not signed: ${result.signError?.message}`);
  }
  console.log(`render + sign (renderProtocolForRun, demo key): median ${ms(median(totals))}, best ${ms(Math.min(...totals))} of ${RUNS} [${totals.map(ms).join(', ')}]`);

  // Phases of one more run.
  let t = performance.now();
  const read = await readRunReport(runDir);
  const embedded = await readEmbeddedEvidence(runDir, read);
  const html = renderProtocolHtml(read, { ...protocolOptions(), embedded, signature: { signed: true, demo: true } });
  const tHtml = performance.now() - t;
  t = performance.now();
  const pdf = await renderProtocolPdf(html, { date: new Date(read.run.finishedAt) });
  const tPdf = performance.now() - t;
  t = performance.now();
  await signPdf(pdf, { p12: await readFile(join(keyDir, DEMO_P12_FILE)), passphrase: DEMO_PASSPHRASE, manifestJson: '{}' });
  const tSign = performance.now() - t;
  console.log(`phases: read + HTML ${ms(tHtml)} (${(html.length / 1024).toFixed(0)} KiB), Chromium PDF ${ms(tPdf)}, embed + sign ${ms(tSign)}`);

  const size = (await stat(join(runDir, 'protocol.pdf'))).size;
  const pages = (await readFile(join(runDir, 'protocol.pdf'), 'latin1')).match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  console.log(`signed protocol.pdf: ${(size / 1024).toFixed(0)} KiB, ${pages} pages`);
  t = performance.now();
  const verified = await verifyRun(runDir);
  console.log(`verify: ${verified.ok ? 'VALID' : 'INVALID'} (${verified.filesChecked} files) in ${ms(performance.now() - t)}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
