/**
 * The test protocol: one self-contained HTML file rendered from the RunReport
 * (charts inline as SVG, screenshots as data URIs, print CSS for A4), the
 * input of the PDF and so of the signature. Pure: same inputs, same bytes.
 */
import type { RunReport } from '../../src/model/types.ts';
import { artifactManifest, baselineSection, deviationsAndOpenItems, environmentAppendix, requirementsChecklist, signaturePage } from './back-matter.ts';
import { familyChecks } from './checks-section.ts';
import { cover, managementSummary, toc, type TocEntry } from './front-matter.ts';
import { esc, section } from './html.ts';
import { capacitySection } from './capacity-section.ts';
import { ChartIds, loadSection } from './load-section.ts';
import { accountsSummaryBlock, guiTimingsBlock, imapSummaryBlock, ldapSummaryBlock } from './probes-section.ts';
import { serverSection } from './server-section.ts';
import { PROTOCOL_CSS } from './styles.ts';
import type { ProtocolOptions } from './types.ts';
import { requirementRows } from './verdicts.ts';

export type * from './types.ts';

/** The section titles in order; tests look for each in the PDF text. */
export const SECTION_TITLES = {
  summary: 'Management summary',
  requirements: 'Requirements checklist',
  load: 'Load',
  server: 'Server-side monitoring',
  capacity: 'Capacity',
  cluster: 'Cluster: stickiness and balance checks',
  imap: 'IMAP compatibility',
  ldap: 'LDAP',
  accounts: 'Accounts',
  api: 'API round-trips',
  gui: 'GUI',
  branding: 'Branding',
  baseline: 'Comparison with the baseline',
  deviations: 'Deviations and open items',
  environment: 'Environment and configuration',
  manifest: 'Artifact manifest',
  signatures: 'Signatures',
} as const;

export function protocolTitle(report: RunReport): string {
  return `Test protocol ${report.run.id}`;
}

export function renderProtocolHtml(report: RunReport, options: ProtocolOptions): string {
  const ids = new ChartIds();
  const rows = requirementRows(report, options.requirementsCatalogue);
  const family = (f: Parameters<typeof familyChecks>[1], title: string): string => familyChecks(report, f, title, options.embedded);
  const bodies: [keyof typeof SECTION_TITLES, string][] = [
    ['summary', managementSummary(report, rows)],
    ['requirements', requirementsChecklist(rows)],
    ['load', loadSection(report, ids) + (report.checks.some((c) => c.family === 'load') ? `<h3>Load checks</h3>${family('load', 'Load checks')}` : '')],
    ['server', serverSection(report, ids)],
    ['capacity', capacitySection(report, ids)],
    ['cluster', family('cluster', 'Cluster checks')],
    ['imap', imapSummaryBlock(report.probes?.imap) + family('imap', 'IMAP compatibility')],
    ['ldap', ldapSummaryBlock(report.probes?.ldap) + family('ldap', 'LDAP')],
    ['accounts', accountsSummaryBlock(report.probes?.accounts) + family('accounts', 'Accounts')],
    ['api', family('api', 'API round-trips')],
    ['gui', guiTimingsBlock(report.probes?.gui?.timings, ids) + family('gui', 'GUI')],
    ['branding', family('branding', 'Branding')],
    ['baseline', baselineSection(options.baseline ?? report.baseline)],
    ['deviations', deviationsAndOpenItems(report, rows)],
    ['environment', environmentAppendix(report)],
    ['manifest', artifactManifest(report)],
    ['signatures', signaturePage(options)],
  ];
  const numbered = bodies.map(([key, body], i) => ({ id: `s-${key}`, title: `${i + 1}. ${SECTION_TITLES[key]}`, body }));
  const entries: TocEntry[] = numbered.map(({ id, title }) => ({ id, title }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(protocolTitle(report))}</title>
<meta name="generator" content="signoff ${esc(report.run.harnessVersion)}">
<style>${PROTOCOL_CSS}</style>
</head>
<body>
${cover(report, options)}
${toc(entries)}
${numbered.map((s) => section(s.id, s.title, s.body)).join('\n')}
</body>
</html>
`;
}
