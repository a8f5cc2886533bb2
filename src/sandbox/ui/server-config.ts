/**
 * What `GET /appsuite/api/apps/manifests?action=config` returns: the server
 * configuration the App Suite UI boots from, built from the as-config.yml keys
 * and the configurable login page (`loginPage`, 7.10.4+). Texts stay raw
 * (`(c) $year …`): the UI substitutes them, as the real one does.
 */
import type { Brand } from '../../config/brand.ts';

/** The App Suite version the stand-in imitates (login footer, about dialog). */
export const SERVER_VERSION = '7.10.6-signoff';

export interface BrandUrls {
  logo: string;
  favicon: string;
}

/** Where the brand's files are served: `apps/themes/<brand>/<file>`, like an OX theme's assets. */
export function brandUrls(brand: Brand, uiPath: string): BrandUrls {
  const base = `${uiPath}apps/themes/${encodeURIComponent(brand.name)}/`;
  return { logo: base + encodeURIComponent(brand.logo), favicon: base + encodeURIComponent(brand.favicon) };
}

export function serverConfig(brand: Brand, uiPath: string): Record<string, unknown> {
  const urls = brandUrls(brand, uiPath);
  const page = brand.loginPage;
  const footerSorting = ['$spacer', '$copyright', 'Version: $version', page.footer.privacy ? '$privacy' : '', page.footer.imprint ? '$imprint' : '', '$spacer'];
  return {
    productName: brand.productName,
    pageTitle: brand.pageTitle,
    pageHeaderPrefix: page.header.prefix,
    pageHeader: page.header.label,
    copyright: page.footer.copyright,
    serverVersion: SERVER_VERSION,
    version: SERVER_VERSION,
    forgotPassword: page.forgotPassword ?? false,
    staySignedIn: false,
    languages: { en_US: 'English (United States)' },
    contact: brand.about.contact,
    signinTheme: brand.name,
    theme: { name: brand.name, topbarBackground: brand.colors.topbar, brandPrimary: brand.colors.topbar, linkColor: brand.colors.link, buttonBackground: brand.colors.primary },
    favicon: urls.favicon,
    about: { lines: brand.about.lines },
    loginPage: {
      backgroundColor: brand.colors.loginBackground,
      backgroundImage: brand.colors.loginBackground,
      logo: urls.logo,
      loginBox: page.loginBox,
      teaser: page.teaser,
      ...(page.informationMessage ? { informationMessage: page.informationMessage } : {}),
      header: { textColor: '#ffffff', linkColor: brand.colors.link, sorting: '$logo,$spacer,$language' },
      form: {
        textColor: '#333333',
        linkColor: brand.colors.link,
        header: { title: page.title, bgColor: '#f5f5f5', textColor: '#333333' },
        button: { bgColor: brand.colors.primary, borderColor: brand.colors.primary, textColor: '#ffffff' },
      },
      footer: {
        sorting: footerSorting.filter(Boolean).join(','),
        copyright: page.footer.copyright,
        ...(page.footer.privacy ? { $privacy: page.footer.privacy } : {}),
        ...(page.footer.imprint ? { $imprint: page.footer.imprint } : {}),
        bgColor: 'rgba(0, 0, 0, 0.15)',
        textColor: '#ffffff',
        linkColor: '#ffffff',
      },
    },
  };
}
