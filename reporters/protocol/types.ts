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

/** The baseline comparison is part of the model (RunReport.baseline); re-exported for the renderer's callers. */
import type { BaselineComparison } from '../../src/model/baseline.ts';

export type { BaselineComparison, CheckOutcomeChange, MetricRegression, OutcomeChange } from '../../src/model/baseline.ts';

export interface ProtocolOptions {
  requirementsCatalogue: CatalogueRequirement[];
  signatories: Signatory[];
  project: ProjectInfo;
  /** Screenshots and diff images by run-folder path. */
  embedded: Map<string, EmbeddedFile>;
  signature?: SignatureMarking;
  /** Default: the comparison stored in the report (RunReport.baseline). */
  baseline?: BaselineComparison;
}
