/**
 * Inputs of the protocol renderer besides the RunReport. They are shaped like
 * the config and the requirements catalogue (src/config) but declared here,
 * because reporters import only src/model.
 */

/** One row of fixtures/requirements.csv. */
export interface CatalogueRequirement {
  id: string;
  requirement: string;
  responsible: 'customer' | 'provider' | 'both';
  due: string;
  verification: string;
}

export interface Signatory {
  name: string;
  role: string;
  organisation: string;
  side: 'customer' | 'provider';
}

export interface ProjectInfo {
  customer: string;
  project: string;
  provider: string;
}

/** An evidence file read by the caller (the renderer never touches the disk). */
export interface EmbeddedFile {
  mime: string;
  bytes: Uint8Array;
}

/** How the PDF made from this HTML will be signed, so the page can say so. */
export interface SignatureMarking {
  signed: boolean;
  demo: boolean;
}

export type OutcomeChange = 'new-failure' | 'fixed' | 'regressed' | 'improved' | 'new-check' | 'removed-check';

export interface MetricRegression {
  scenario: string;
  action: string;
  metric: 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'errorRate';
  baseline: number;
  current: number;
  /** Relative change, (current - baseline) / baseline; Infinity when the baseline was 0. */
  change: number;
  kind: 'regression' | 'improvement';
}

export interface CheckOutcomeChange {
  id: string;
  title: string;
  baseline: string | null;
  current: string | null;
  change: OutcomeChange;
}

/** The result of src/report/baseline.ts compareWithBaseline(); pure data. */
export interface BaselineComparison {
  baselineRunId: string;
  metrics: MetricRegression[];
  checks: CheckOutcomeChange[];
  /** True when anything got worse: a regression, a new failure or a regressed check. */
  regressed: boolean;
}

export interface ProtocolOptions {
  requirementsCatalogue: CatalogueRequirement[];
  signatories: Signatory[];
  project: ProjectInfo;
  /** Screenshots and diff images by run-folder path. */
  embedded: Map<string, EmbeddedFile>;
  signature?: SignatureMarking;
  baseline?: BaselineComparison;
}
