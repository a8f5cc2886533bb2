/**
 * What the runner hands the Playwright specs: everything non-secret in a JSON
 * file named by SIGNOFF_GUI_INPUT, the passwords only in SIGNOFF_GUI_PASSWORDS
 * (environment, never argv, never a file), so the generated config and the
 * run folder hold no secret.
 */
import { readFileSync } from 'node:fs';
import type { Brand } from '../config/brand.ts';
import type { SelectorSetName } from './selectors.ts';

export const INPUT_ENV = 'SIGNOFF_GUI_INPUT';
export const PASSWORDS_ENV = 'SIGNOFF_GUI_PASSWORDS';

export interface SpecAccount {
  login: string;
  email: string;
}

export interface SpecInput {
  baseUrl: string;
  uiPath: string;
  apiPath: string;
  caFile?: string;
  selectorSet: SelectorSetName;
  brand?: Brand;
  accounts: [SpecAccount, SpecAccount];
  runDir: string;
  evidenceDir: string;
  /** Unique per run: mail subjects and upload names carry it, so concurrent runs do not meet. */
  runTag: string;
  /** Screenshot baselines are compared (or rewritten, when the runner was asked to update them). */
  baselines: boolean;
  /** Tolerances of the branding comparisons. */
  tolerances: BrandingTolerances;
}

export interface BrandingTolerances {
  /** CIEDE2000 distance under which two colours count as equal (2.3 ≈ just noticeable). */
  colourDeltaE: number;
  /** Share of logo pixels that may differ (pixelmatch, anti-aliasing ignored). */
  logoMaxDiffRatio: number;
  /** Share of pixels a screenshot baseline may differ by. */
  screenshotMaxDiffRatio: number;
}

export const DEFAULT_TOLERANCES: BrandingTolerances = { colourDeltaE: 3, logoMaxDiffRatio: 0.02, screenshotMaxDiffRatio: 0.02 };

export interface SpecSecrets {
  passwords: [string, string];
}

let cached: { input: SpecInput; secrets: SpecSecrets } | undefined;

/** For specs (inside the Playwright worker): reads the input file and the passwords once. */
export function readSpecInput(): { input: SpecInput; secrets: SpecSecrets } {
  if (cached) return cached;
  const file = process.env[INPUT_ENV];
  if (!file) throw new Error(`${INPUT_ENV} is not set: the GUI specs are started by runGuiChecks (src/gui/run.ts)`);
  const input = JSON.parse(readFileSync(file, 'utf8')) as SpecInput;
  const passwords = JSON.parse(process.env[PASSWORDS_ENV] ?? '[]') as string[];
  cached = { input, secrets: { passwords: [passwords[0] ?? '', passwords[1] ?? ''] } };
  return cached;
}
