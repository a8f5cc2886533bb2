/**
 * A brand: what a customer's App Suite looks like (as-config.yml titles,
 * the configurable login page, theme colours, logo, favicon, about dialog).
 * The sandbox UI serves it; the branding checks compare a target against it.
 * Lives in `<dir>/brand.json` next to the logo and favicon files it names.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SignoffError } from '../errors.ts';
import { formatIssues } from './issues.ts';

const hexColour = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'expected a hex colour like "#1f3f6b"');
const text = z.string().trim().min(1, 'expected a non-empty text');
/** Texts the UI renders as text; HTML in them is a mistake (OX would render it). */
const plainText = text.refine((value) => !/[<>]/.test(value), 'expected plain text without HTML tags');
const fileName = (extensions: readonly string[]) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a file name inside the brand folder (no "/" or "..")')
    .refine((name) => extensions.some((ext) => name.toLowerCase().endsWith(ext)), `expected a file ending in ${extensions.join(' or ')}`);
const url = z.string().regex(/^(?:https?:\/\/|\/)\S+$/, 'expected an http(s) URL or an absolute path');

export const brandSchema = z.strictObject({
  /** as-config `productName`: about dialog title, login box title fallback, top logo alt text. */
  productName: plainText,
  /** as-config `pageTitle`: prefix of the browser tab title. */
  pageTitle: plainText,
  /** The SVG shown on the login page (`img.login-logo`) and in the top bar (`#io-ox-top-logo img`). */
  logo: fileName(['.svg']),
  /** `link#favicon`. */
  favicon: fileName(['.svg', '.ico', '.png']),
  /** Theme: `@topbar-background`, `@btn-primary-bg`, `@link-color`, login `backgroundColor`. */
  colors: z.strictObject({
    topbar: hexColour,
    primary: hexColour,
    link: hexColour,
    loginBackground: hexColour,
  }),
  loginPage: z.strictObject({
    /** as-config `pageHeaderPrefix` / `pageHeader`: `#io-ox-login-header-prefix` / `-label`. */
    header: z.strictObject({ prefix: plainText, label: plainText }),
    /** `loginPage.form.header.title`: `#box-form-header`. */
    title: plainText,
    /** `loginPage.teaser`, shown beside a left/right login box. */
    teaser: plainText,
    /** `loginPage.informationMessage`, under the box. */
    informationMessage: plainText.optional(),
    /** `loginPage.loginBox`. */
    loginBox: z.enum(['left', 'right', 'center']),
    /** as-config `forgotPassword`; absent hides the link. */
    forgotPassword: url.optional(),
    footer: z.strictObject({
      /** as-config `copyright` / `loginPage.footer.copyright`; `(c)` and `$year` are substituted. */
      copyright: plainText,
      privacy: url.optional(),
      imprint: url.optional(),
    }),
  }),
  about: z.strictObject({
    /** Paragraphs of the about dialog, under the product name. */
    lines: z.array(plainText).min(1, 'expected at least one line'),
    /** as-config `contact`. */
    contact: plainText.optional(),
  }),
});

export type BrandSpec = z.infer<typeof brandSchema>;

export interface Brand extends BrandSpec {
  /** Folder name, used as the theme name in asset URLs (`apps/themes/<name>/`). */
  name: string;
  dir: string;
  file: string;
}

/** `(c) $year Acme` → `© 2025 Acme`, as the OX login page does it. */
export function renderCopyright(copyright: string, year: number): string {
  return copyright.replaceAll('(c)', '©').replaceAll('$year', String(year));
}

/** Validates parsed JSON; every problem names the file, the JSON path, what was expected and what was found. */
export function parseBrandSpec(input: unknown, file: string): BrandSpec {
  const result = brandSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = formatIssues(file, input, result.error.issues);
  throw new SignoffError('CONFIG_INVALID', `invalid brand spec:\n${lines.join('\n')}`);
}

/** Reads `<dir>/brand.json`, validates it and checks that the logo and favicon files exist. */
export async function loadBrand(dir: string): Promise<Brand> {
  const absoluteDir = path.resolve(dir);
  const file = path.join(absoluteDir, 'brand.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}: cannot read the brand spec`, { cause, hint: 'A brand folder holds brand.json plus the logo and favicon it names.' });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const spec = parseBrandSpec(json, file);
  for (const key of ['logo', 'favicon'] as const) {
    const asset = path.join(absoluteDir, spec[key]);
    const info = await stat(asset).catch(() => undefined);
    if (!info?.isFile()) {
      throw new SignoffError('CONFIG_INVALID', `${file}: ${key}: expected a file in ${absoluteDir}, but "${spec[key]}" does not exist`);
    }
  }
  return { ...spec, name: path.basename(absoluteDir), dir: absoluteDir, file };
}
