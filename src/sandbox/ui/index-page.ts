/**
 * The one HTML page of the UI: head (title, favicon, theme colour, brand
 * styles) and the 7.10.4+ login screen with its element ids, rendered on the
 * server from the brand so that a plain HTTP fetch already shows the branding.
 * After login the scripts build the shell inside the hidden `#io-ox-core`.
 */
import { escape as escapeHtml } from 'he';
import { renderCopyright, type Brand } from '../../config/brand.ts';
import { brandUrls, SERVER_VERSION } from './server-config.ts';

const esc = (value: string): string => escapeHtml(value);

export interface IndexPageOptions {
  /** Path the UI is served under, with trailing slash (`/appsuite/`). */
  uiPath: string;
  /** Versioned base of the static assets, with trailing slash. */
  assetBase: string;
  year: number;
}

/** Colours come from the validated brand (hex only), so they are safe inside CSS. */
function loginPageStyle(brand: Brand): string {
  const c = brand.colors;
  return `
#io-ox-login-container { background: ${c.loginBackground}; }
#io-ox-login-header { background: linear-gradient(rgba(0, 0, 0, 0.3), rgba(0, 0, 0, 0)); color: #ffffff; }
#io-ox-login-header a { color: ${c.link}; }
#box-form-header { background-color: #f5f5f5; color: #333333; }
#io-ox-login-box { color: #333333; }
#io-ox-login-button { background-color: ${c.primary}; border-color: ${c.primary}; color: #ffffff; }
#io-ox-forgot-password a { color: ${c.link}; }
#io-ox-login-footer { background: rgba(0, 0, 0, 0.15); color: #ffffff; }
#io-ox-login-footer a { color: #ffffff; }
`;
}

/** The theme variables the shell stylesheet uses (`@topbar-background`, `@btn-primary-bg`, `@link-color`). */
function themeStyle(brand: Brand): string {
  const c = brand.colors;
  return `:root { --topbar-background: ${c.topbar}; --btn-primary-bg: ${c.primary}; --link-color: ${c.link}; --login-background: ${c.loginBackground}; }`;
}

function footer(brand: Brand, year: number): string {
  const f = brand.loginPage.footer;
  const parts = [
    '<span class="spacer"></span>',
    `<span id="io-ox-copyright">${esc(renderCopyright(f.copyright, year))}</span>`,
    `<span id="io-ox-version">Version: ${esc(SERVER_VERSION)}</span>`,
    f.privacy ? `<a id="io-ox-privacy" href="${esc(f.privacy)}" target="_blank" rel="noopener">Privacy Policy</a>` : '',
    f.imprint ? `<a id="io-ox-imprint" href="${esc(f.imprint)}" target="_blank" rel="noopener">Imprint</a>` : '',
    '<span class="spacer"></span>',
  ];
  return `<div id="io-ox-login-footer">${parts.filter(Boolean).join('')}</div>`;
}

export function renderIndexPage(brand: Brand, options: IndexPageOptions): string {
  const urls = brandUrls(brand, options.uiPath);
  const page = brand.loginPage;
  const teaser = page.loginBox === 'center' ? '' : `<div id="io-ox-login-teaser">${esc(page.teaser)}</div>`;
  const forgot = page.forgotPassword
    ? `<div id="io-ox-forgot-password" class="form-group"><a href="${esc(page.forgotPassword)}" target="_blank" rel="noopener">Forgot your password?</a></div>`
    : '';
  const information = page.informationMessage ? `<div id="io-ox-information-message">${esc(page.informationMessage)}</div>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="${esc(brand.colors.topbar)}">
<title>${esc(brand.pageTitle)}</title>
<link id="favicon" rel="icon" href="${esc(urls.favicon)}">
<link rel="stylesheet" href="${esc(options.assetBase)}ui.css">
<style data-src="theme-configuration">${themeStyle(brand)}</style>
<style data-src="login-page-configuration">${loginPageStyle(brand)}</style>
<script type="module" src="${esc(options.assetBase)}boot.js"></script>
</head>
<body>
<div id="io-ox-login-screen">
<div id="io-ox-login-container">
<div id="io-ox-login-header">
<div id="io-ox-login-toolbar">
<img class="login-logo" src="${esc(urls.logo)}" alt="${esc(brand.productName)}">
<h1 id="io-ox-login-header-title"><span id="io-ox-login-header-prefix">${esc(page.header.prefix)}</span> <span id="io-ox-login-header-label">${esc(page.header.label)}</span></h1>
<span class="spacer"></span>
<div id="io-ox-languages"><span class="lang-label">Language:</span> <span class="lang-name">English (United States)</span></div>
</div>
</div>
<div id="io-ox-login-content" class="login-box-${page.loginBox}">
${page.loginBox === 'right' ? teaser : ''}
<div id="io-ox-login-box">
<div id="box-form-header"><span id="login-title">${esc(page.title)}</span></div>
<div id="box-form-body">
<form id="io-ox-login-form" method="post" action="${esc(options.uiPath)}api/redirect" novalidate>
<div id="io-ox-login-feedback" role="alert" aria-live="assertive"></div>
<div class="form-group username">
<label for="io-ox-login-username">Username</label>
<input type="text" id="io-ox-login-username" name="username" class="form-control" autocomplete="username" autocapitalize="off" spellcheck="false" placeholder="Username">
</div>
<div class="form-group password">
<label for="io-ox-login-password">Password</label>
<input type="password" id="io-ox-login-password" name="password" class="form-control" autocomplete="current-password" placeholder="Password">
</div>
<div id="io-ox-login-store" class="form-group hidden"><label><input type="checkbox" id="io-ox-login-store-box" name="staySignedIn" value="true"> Stay signed in</label></div>
${forgot}
<div class="form-group buttons"><button type="submit" id="io-ox-login-button" class="btn btn-primary" data-i18n="Sign in">Sign in</button></div>
<div id="io-ox-login-help"></div>
</form>
</div>
</div>
${page.loginBox === 'left' ? teaser : ''}
</div>
${information}
${footer(brand, options.year)}
</div>
</div>
<div id="io-ox-core" class="hidden" aria-hidden="true"></div>
<div id="background-loader" class="busy"><div class="spinner" aria-label="Loading"></div></div>
<noscript><p class="noscript">This application needs JavaScript.</p></noscript>
</body>
</html>
`;
}
