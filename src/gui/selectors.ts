/**
 * Selector sets of the App Suite UI, one per major version. Page objects read
 * every selector from here, so a target on another UI version only swaps the
 * set (chosen in the target config). Sources: ox-deployment.md §3.1 (login
 * page), §4 (OX's own e2e page objects), §4.7 (what 8.x changes).
 */

export type SelectorSetName = '7.10' | '8';

export interface SelectorSet {
  login: {
    screen: string;
    /** Covers the page while the UI boots; the form is bound once it is gone. */
    busyLoader: string;
    username: string;
    password: string;
    submit: string;
    feedback: string;
    headerPrefix: string;
    headerLabel: string;
    formTitle: string;
    teaser: string;
    informationMessage: string;
    footer: string;
    copyright: string;
    privacyLink: string;
    imprintLink: string;
    forgotPasswordLink: string;
    container: string;
    logo: string;
  };
  page: {
    favicon: string;
    themeColor: string;
  };
  shell: {
    core: string;
    topBar: string;
    topLogo: string;
    accountMenuToggle: string;
    signOut: string;
    about: string;
    /** Quick-launch button of an app (may be hidden on small screens). */
    quickLaunch: (appId: string) => string;
    /** The app launcher menu (the grid icon) and an app's entry in it. */
    launcherToggle: string;
    launcherEntry: (appId: string) => string;
  };
  about: { dialog: string; title: string; body: string; close: string };
  mail: {
    window: string;
    listView: string;
    listItem: string;
    listSubject: string;
    inboxFolder: string;
    detailSubject: string;
    detailFrame: string;
    detailBody: string;
    compose: string;
    composeWindow: string;
    composeTo: string;
    composeSubject: string;
    composeBody: string;
    send: string;
  };
  calendar: { window: string; weekView: string; toolbar: string };
  contacts: { window: string; grid: string; item: string; emptyMessage: string };
  drive: { window: string; list: string; listComplete: string; uploadInput: string; item: (fileName: string) => string };
  /** Areas that change from run to run: masked in screenshot baselines. */
  dynamicAreas: string[];
}

const v7: SelectorSet = {
  login: {
    screen: '#io-ox-login-screen',
    busyLoader: '#background-loader.busy',
    username: '#io-ox-login-username',
    password: '#io-ox-login-password',
    submit: '#io-ox-login-button, #login-button',
    feedback: '#io-ox-login-feedback',
    headerPrefix: '#io-ox-login-header-prefix',
    headerLabel: '#io-ox-login-header-label',
    formTitle: '#box-form-header',
    teaser: '#io-ox-login-teaser',
    informationMessage: '#io-ox-information-message',
    footer: '#io-ox-login-footer',
    copyright: '#io-ox-copyright',
    privacyLink: '#io-ox-login-footer a#io-ox-privacy',
    imprintLink: '#io-ox-login-footer a#io-ox-imprint',
    forgotPasswordLink: '#io-ox-forgot-password a',
    container: '#io-ox-login-container',
    logo: 'img.login-logo',
  },
  page: { favicon: 'link#favicon', themeColor: 'meta[name="theme-color"]' },
  shell: {
    core: '#io-ox-core',
    topBar: '#io-ox-appcontrol',
    topLogo: '#io-ox-top-logo img',
    accountMenuToggle: '#io-ox-topbar-account-dropdown-icon .dropdown-toggle, #io-ox-topbar-dropdown-icon > a.dropdown-toggle',
    signOut: '[data-action="sign-out"]',
    about: '[data-action="about"]',
    quickLaunch: (appId) => `#io-ox-quicklaunch [data-id="${appId}"]`,
    launcherToggle: '#io-ox-launcher .launcher-btn, #io-ox-launcher > a.dropdown-toggle',
    launcherEntry: (appId) => `ul.launcher-dropdown a.lcell[data-id="${appId}"]`,
  },
  about: { dialog: '.modal.about-dialog .modal-dialog, .modal .about-content', title: '.modal-title', body: '.modal-body', close: '[data-action="cancel"]' },
  mail: {
    window: '.io-ox-mail-window',
    listView: '[data-ref="io.ox/mail/listview"]',
    listItem: '[data-ref="io.ox/mail/listview"] li.list-item',
    listSubject: '.subject',
    inboxFolder: '.io-ox-mail-window .folder-tree li.folder[data-id="default0/INBOX"]',
    detailSubject: '.mail-detail-pane h1.subject',
    detailFrame: '.mail-detail-frame',
    detailBody: 'body',
    compose: '[aria-label="Compose new email"]',
    composeWindow: '.io-ox-mail-compose-window.active',
    composeTo: '[placeholder="To"]',
    composeSubject: '[name="subject"]',
    composeBody: '.io-ox-mail-compose textarea, .io-ox-mail-compose .editor',
    send: '.btn[data-action="send"]',
  },
  calendar: {
    window: '.io-ox-calendar-window',
    weekView: '.io-ox-pagecontroller.page.current[data-page-id="io.ox/calendar/week:week"], .weekview-container.week',
    toolbar: '.io-ox-calendar-main .classic-toolbar',
  },
  contacts: { window: '.io-ox-contacts-window', grid: '.io-ox-contacts-window .vgrid', item: '.io-ox-contacts-window .vgrid-cell', emptyMessage: '.io-ox-contacts-window .vgrid .empty-message' },
  drive: {
    window: '.io-ox-files-window',
    list: '.io-ox-files-window .file-list-view',
    listComplete: '.io-ox-files-window .file-list-view.complete',
    uploadInput: '.io-ox-files-window input[type="file"]',
    item: (fileName) => `.io-ox-files-window .file-list-view li.list-item[aria-label="${fileName}"]`,
  },
  dynamicAreas: ['time', '.date', '.folder-counter', '.list-view', '.weekview-container', '.date-picker', '.contact-picture', '#io-ox-copyright'],
};

/** 8.x keeps the login ids (§4.7); the shell differs, so alternatives stay in the selectors. */
const v8: SelectorSet = {
  ...v7,
  shell: {
    ...v7.shell,
    topBar: '#io-ox-appcontrol, #io-ox-topbar, [role="banner"]',
    topLogo: '#io-ox-top-logo img, #io-ox-top-logo svg, .logo-container img',
    accountMenuToggle: '#io-ox-topbar-account-dropdown-icon .dropdown-toggle, #io-ox-topbar-account-dropdown-icon button',
    launcherToggle: '#io-ox-launcher .launcher-btn, #io-ox-launcher button',
    launcherEntry: (appId) => `#io-ox-launcher [data-id="${appId}"], .launcher-dropdown [data-id="${appId}"]`,
  },
  mail: { ...v7.mail, compose: '[aria-label="Compose new email"], [data-action="io.ox/mail/actions/compose"]', composeTo: '[placeholder="To"], .token-input[aria-label="To"]' },
};

export const SELECTOR_SETS: Record<SelectorSetName, SelectorSet> = { '7.10': v7, '8': v8 };
