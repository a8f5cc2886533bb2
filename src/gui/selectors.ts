/**
 * Selector sets of the App Suite UI, one per major version. Page objects read
 * every selector from here, so a target on another UI version only swaps the
 * set (chosen in the target config). Sources: ox-deployment.md §3.1 (login
 * page), §4 (OX's own e2e page objects), §4.7 (what 8.x changes); the 8.x set
 * is checked against the 8.x UI's src/ and e2e/ (FE8 = the copy in
 * extrymes/project-hackdays2025), each selector with its source.
 */

/** Calendar layouts as the UI names its pages (`io.ox/calendar/<layout>`). */
export type CalendarLayout = 'week:day' | 'week:workweek' | 'week:week' | 'month' | 'list';
/** Compose editor modes (`editorMode` of the compose model). */
export type EditorMode = 'html' | 'text';

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
    /** The menu holding About: the account menu in 7.10, the help menu in 8.x. */
    aboutMenuToggle: string;
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
    /** The HTML editor (TinyMCE) is an iframe; its body is contenteditable. */
    composeHtmlFrame: string;
    composeHtmlBody: string;
    composePlainText: string;
    /** The compose menu that holds the Editor options (Plain Text / HTML). */
    composeOptionsToggle: string;
    composeEditorMode: (mode: EditorMode) => string;
    send: string;
  };
  calendar: {
    window: string;
    /** The current page of the calendar (its data-page-id names the layout). */
    currentPage: string;
    page: (layout: CalendarLayout) => string;
    /** The layout switcher (View / layout dropdown) and its entries. */
    layoutToggle: string;
    layoutOption: (layout: CalendarLayout) => string;
    toolbar: string;
  };
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
    // FE main.js: Dropdown.link('logout', 'Sign out') renders a[data-name="logout"];
    // data-action="sign-out" only with features/dedicatedLogoutButton.
    signOut: '[data-name="logout"], [data-action="sign-out"]',
    aboutMenuToggle: '#io-ox-topbar-account-dropdown-icon .dropdown-toggle, #io-ox-topbar-dropdown-icon > a.dropdown-toggle',
    about: '[data-name="about"], [data-action="about"]',
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
    // Default messageFormat 'html': TinyMCE in an iframe (OX e2e: within frame '.io-ox-mail-compose-window .editor iframe', fillField 'body').
    composeHtmlFrame: '.editor iframe',
    composeHtmlBody: 'body',
    // messageFormat 'text' (OX e2e compose_test.js: textarea.plain-text).
    composePlainText: 'textarea.plain-text',
    // FE mail/compose/extensions.js: the options menu (7.10.4+: "Mail compose actions") with header Editor.
    composeOptionsToggle: '[aria-label="Mail compose actions"], [data-dropdown="options"] [data-toggle="dropdown"]',
    composeEditorMode: (mode) => `a[data-name="editorMode"][data-value="${mode}"]`,
    send: '.btn[data-action="send"]',
  },
  calendar: {
    window: '.io-ox-calendar-window',
    // FE core/page-controller.js: data-page-id = appname + '/' + page name; calendar pages week:day|workweek|week, month, list.
    currentPage: '.io-ox-calendar-window .io-ox-pagecontroller.page.current[data-page-id^="io.ox/calendar/"]',
    page: (layout) => `.io-ox-calendar-window .io-ox-pagecontroller.page.current[data-page-id="io.ox/calendar/${layout}"]`,
    // FE calendar/toolbar.js: Dropdown labelled "View" in the toolbar; options a[data-name="layout"][data-value=…].
    layoutToggle: '.io-ox-calendar-window .classic-toolbar [data-toggle="dropdown"]:has-text("View")',
    layoutOption: (layout) => `.dropdown-menu a[data-name="layout"][data-value="${layout}"]`,
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

/**
 * 8.x. FE8 = extrymes/project-hackdays2025 (copy of the 8.x UI src/ and e2e/).
 * Login ids: FE8 src/index.html (the page is static there). Header, teaser,
 * footer parts and the login logo are drawn by FE8 boot code not in the copy:
 * kept from 7.10, not verified.
 */
const v8: SelectorSet = {
  login: {
    ...v7.login,
    // FE8 e2e/helper.js waitForApp: waitForInvisible('#background-loader.busy').
    busyLoader: '#background-loader.busy',
    // FE8 src/index.html: button#io-ox-login-button (no #login-button).
    submit: '#io-ox-login-button',
    // FE8 src/index.html: #box-form-header holds the form title (h1#login-title sits in the form).
    formTitle: '#box-form-header, #login-title',
  },
  page: v7.page,
  shell: {
    // FE8 src/index.html: #io-ox-core, #io-ox-appcontrol.
    core: '#io-ox-core',
    topBar: '#io-ox-appcontrol',
    // FE8 src/io.ox/core/main/appcontrol.js (logo): #io-ox-top-logo > button|a > .logo-container (theming renders img or svg).
    topLogo: '#io-ox-top-logo .logo-container img, #io-ox-top-logo .logo-container svg, #io-ox-top-logo img',
    // FE8 src (appcontrol/right 'account'): li#io-ox-topbar-account-dropdown-icon > button.dropdown-toggle (aria-label "My account").
    accountMenuToggle: '#io-ox-topbar-account-dropdown-icon > button.dropdown-toggle',
    // FE8 src (account/signouts): Dropdown.link('logout', 'Sign out') → a[data-name="logout"] in ul#topbar-account-dropdown;
    // [data-action="sign-out"] only with features/dedicatedLogoutButton. (The launcher's own Sign out has no usable name.)
    signOut: '#topbar-account-dropdown a[data-name="logout"], [data-action="sign-out"]',
    // FE8 src (appcontrol/right 'help-dropdown'): About sits in the help menu li#io-ox-topbar-help-dropdown-icon.
    aboutMenuToggle: '#io-ox-topbar-help-dropdown-icon > button.dropdown-toggle, #io-ox-topbar-help-dropdown-icon .dropdown-toggle',
    // FE8 src: extensions.about → this.link('about', 'About') → a[data-name="about"].
    about: '#topbar-help-dropdown a[data-name="about"]',
    // FE8 appcontrol.js QuickLaunchersView: #io-ox-quicklaunch button[data-id]; e2e compose_test.js clicks it so.
    quickLaunch: (appId) => `#io-ox-quicklaunch button[data-id="${appId}"]`,
    // FE8 appcontrol.js LaunchersView: li#io-ox-launcher > button.launcher-btn; entries button[data-id] in ul.launcher-dropdown.
    launcherToggle: '#io-ox-launcher > button.launcher-btn',
    launcherEntry: (appId) => `ul.launcher-dropdown button[data-id="${appId}"]`,
  },
  // About dialog: FE8 about module is not in the copy; kept from 7.10, not verified.
  about: v7.about,
  mail: {
    ...v7.mail,
    // FE8 e2e compose_test.js: locate('.btn-primary').withText('New email') (primary action of the mail app).
    compose: '.primary-action .btn-primary:has-text("New email"), .btn-primary:has-text("New email")',
    // FE8 e2e compose_test.js: '.io-ox-mail-compose-window', I.fillField('To' / 'Subject') by label.
    composeWindow: '.io-ox-mail-compose-window',
    composeTo: '[aria-label="To"], [placeholder="To"]',
    composeSubject: '[name="subject"], [aria-label="Subject"], [placeholder="Subject"]',
    // FE8 e2e compose_test.js: within frame '.io-ox-mail-compose-window .editor iframe' fillField 'body'; text mode textarea.plain-text.
    composeHtmlFrame: '.editor iframe',
    composeHtmlBody: 'body',
    composePlainText: 'textarea.plain-text',
    // FE8 e2e compose_test.js: I.click('~Mail compose actions'); the Editor entries are FE's option('editorMode', …) (FE8 compose view not in the copy).
    composeOptionsToggle: '[aria-label="Mail compose actions"]',
    composeEditorMode: (mode) => `a[data-name="editorMode"][data-value="${mode}"]`,
    // Send, list view, detail frame: FE8 e2e uses '.mail-detail-frame', '.list-view li'; send kept from 7.10 (compose view not in the copy).
  },
  calendar: {
    window: '.io-ox-calendar-window',
    // FE8 src/io.ox/core/page-controller.js (data-page-id) and calendar main.js pages week:day|workweek|week, month, list, year.
    currentPage: '.io-ox-calendar-window .io-ox-pagecontroller.page.current[data-page-id^="io.ox/calendar/"]',
    page: (layout) => `.io-ox-calendar-window .io-ox-pagecontroller.page.current[data-page-id="io.ox/calendar/${layout}"]`,
    // FE8 e2e pageobjects/calendar.js switchView: '.page.current .calendar-header > .dropdown button', then '.dropdown.open a' by text;
    // FE8 calendar header renderLayoutDropdown: .layout-dropdown with option('layout', value) → a[data-name="layout"][data-value].
    layoutToggle: '.io-ox-calendar-window .page.current .calendar-header > .dropdown button',
    layoutOption: (layout) => `.dropdown.open a[data-name="layout"][data-value="${layout}"], .dropdown-menu a[data-name="layout"][data-value="${layout}"]`,
    toolbar: '.io-ox-calendar-window .page.current .calendar-header',
  },
  // Address book, drive: kept from 7.10 (ox-deployment.md §4.4–4.5), not verified against FE8.
  contacts: v7.contacts,
  drive: v7.drive,
  dynamicAreas: v7.dynamicAreas,
};

export const SELECTOR_SETS: Record<SelectorSetName, SelectorSet> = { '7.10': v7, '8': v8 };
