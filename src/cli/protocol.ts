/**
 * The protocol step after a run: re-reads the finished run folder and writes
 * protocol.html, summary.md, manifest.json and protocol.pdf, signed with the
 * configured key (or the demo key). It runs after the run folder is complete,
 * so the manifest covers every file the run wrote.
 */
import { access } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import path from 'node:path';
import type { RunPlan } from '../config/plan.ts';
import { resolveSecret } from '../config/secret.ts';
import { SignoffError } from '../errors.ts';
import type { RunReport } from '../model/types.ts';
import { readReportFile, readRunReport } from '../report/read-run.ts';
import { renderProtocolForRun, type RenderRunResult, type SigningConfig } from '../report/render-run.ts';
import { validateReport } from '../model/schema.ts';
import { REPORT_FILE, renderJson } from '../../reporters/json.ts';
import { JUNIT_FILE, renderJunit } from '../../reporters/junit.ts';

/** Where the generated demo key lives (never committed; see .gitignore). */
export const DEMO_KEY_DIR = '.signoff/demo-key';

export async function signingFor(plan: RunPlan): Promise<SigningConfig | undefined> {
  const signing = plan.config.protocol.signing;
  if (signing === undefined) return undefined;
  if (signing === 'demo') return { kind: 'demo', keyDir: path.join(plan.projectDir, DEMO_KEY_DIR) };
  const p12File = path.resolve(plan.projectDir, signing.p12File);
  const source = { env: signing.passphraseEnv, file: signing.passphraseFile };
  const passphrase = await resolveSecret(source, { at: 'protocol.signing.passphrase', what: 'the p12 passphrase', baseDir: plan.projectDir, code: 'SIGN_FAILED' });
  return { kind: 'p12', p12File, passphrase: passphrase.reveal() };
}

/** A baseline given as a run folder or a report.json. */
export async function readBaseline(file: string): Promise<RunReport> {
  // The file named, never report.json beside it: a corrupt baseline must fail, not be swapped.
  return file.endsWith('.json') ? readReportFile(file) : readRunReport(file);
}

/** The baseline comparison, if any, is already in report.json (RunReport.baseline). */
export async function writeProtocol(plan: RunPlan, runDir: string, signal?: AbortSignal): Promise<RenderRunResult> {
  let signing: SigningConfig | undefined;
  let keyProblem: SignoffError | undefined;
  try {
    signing = await signingFor(plan);
  } catch (error) {
    // A key problem must not cost the run its protocol: render it unsigned and say why.
    keyProblem = error as SignoffError;
  }
  try {
    const result = await renderProtocolForRun(runDir, {
      requirementsFile: path.resolve(plan.projectDir, plan.config.requirementsFile),
      signatories: plan.config.signatories,
      project: plan.config.project,
      ...(signing ? { signing } : {}),
      ...(signal ? { signal } : {}),
    });
    return keyProblem && !result.signError ? { ...result, signError: keyProblem } : result;
  } catch (error) {
    if (error instanceof SignoffError) throw error;
    throw new SignoffError('PROTOCOL_FAILED', `the protocol of ${runDir} could not be rendered: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Ctrl-C during the protocol step: the run is interrupted after all, so its
 * report (and junit.xml, when written) must not keep saying how it ended before.
 */
export async function markProtocolInterrupted(runDir: string, error: SignoffError): Promise<RunReport> {
  const report = await readRunReport(runDir);
  report.run.status = 'interrupted';
  report.run.error = { code: error.code, message: error.message, phase: 'protocol', hint: error.hint };
  validateReport(report);
  await writeFileAtomic(path.join(runDir, REPORT_FILE), renderJson(report));
  const junit = path.join(runDir, JUNIT_FILE);
  if (await access(junit).then(() => true, () => false)) await writeFileAtomic(junit, renderJunit(report));
  return report;
}
