/**
 * Checks of one family as blocks: verdict, linked requirements, criteria
 * (expected vs measured) and evidence. Images the caller passed in are embedded
 * as data URIs (screenshots, branding diffs); other evidence is listed by path.
 */
import type { CheckFamily, CheckResult, Evidence, RunReport } from '../../src/model/types.ts';
import { formatSeconds } from '../format.ts';
import { badge, dataUri, esc, notPartOfRun, table } from './html.ts';
import type { EmbeddedFile } from './types.ts';

function evidenceBlock(evidence: Evidence[], embedded: Map<string, EmbeddedFile>): string {
  if (evidence.length === 0) return '';
  const images: string[] = [];
  const files: Evidence[] = [];
  for (const e of evidence) {
    const file = embedded.get(e.path);
    if (file && file.mime.startsWith('image/')) {
      const caption = e.title ?? e.path;
      images.push(`<figure class="shot"><img src="${dataUri(file.mime, file.bytes)}" alt="${esc(caption)}"><figcaption>${esc(caption)} <span class="path">(${esc(e.kind)}: ${esc(e.path)})</span></figcaption></figure>`);
    } else {
      files.push(e);
    }
  }
  const list = files.length
    ? `<ul class="evidence">${files.map((e) => `<li>${esc(e.kind)}: <span class="path">${esc(e.path)}</span>${e.title ? ` – ${esc(e.title)}` : ''}</li>`).join('')}</ul>`
    : '';
  return `${images.length ? `<div class="shots">${images.join('\n')}</div>` : ''}${list}`;
}

export function checkBlock(check: CheckResult, embedded: Map<string, EmbeddedFile>): string {
  const criteria = check.criteria.length
    ? table(check.criteria, [
        { head: 'Criterion', cell: (c) => esc(c.name) },
        { head: 'Expected', cell: (c) => esc(c.expected) },
        { head: 'Measured', cell: (c) => esc(c.measured) },
        { head: 'Verdict', cell: (c) => badge(c.passed ? 'passed' : 'failed') },
      ])
    : '';
  const error = check.error ? `<p class="error">${esc(check.error.code)}: ${esc(check.error.message)}</p>` : '';
  const hint = check.hint && check.status !== 'passed' ? `<p class="hint"><b>Hint:</b> ${esc(check.hint)}</p>` : '';
  const reqs = check.requirementIds.length ? check.requirementIds.map(esc).join(', ') : '–';
  return `<div class="check" id="check-${esc(check.id)}">
<h4>${badge(check.status)} ${esc(check.title)}</h4>
<p class="meta">${esc(check.id)} · requirements: ${reqs} · duration ${esc(formatSeconds(check.durationMs))}</p>
${error}${criteria}${hint}${evidenceBlock(check.evidence, embedded)}</div>`;
}

export function familyChecks(report: RunReport, family: CheckFamily, title: string, embedded: Map<string, EmbeddedFile>): string {
  const checks = report.checks.filter((c) => c.family === family);
  if (checks.length === 0) return notPartOfRun(title);
  return checks.map((c) => checkBlock(c, embedded)).join('\n');
}
