// The App Suite shell after login: top bar (#io-ox-appcontrol) with logo,
// app launcher, quick launchers, refresh and account menu; one window per app
// inside #io-ox-windowmanager; app switching through the URL hash.
import * as api from './api.js';
import { $, $$, fill, h } from './dom.js';
import { openAboutDialog } from './about.js';

const APPS = [
  { id: 'io.ox/mail', title: 'Mail', load: () => import('./apps/mail.js') },
  { id: 'io.ox/calendar', title: 'Calendar', load: () => import('./apps/calendar.js') },
  { id: 'io.ox/contacts', title: 'Address Book', load: () => import('./apps/contacts.js') },
  { id: 'io.ox/files', title: 'Drive', load: () => import('./apps/files.js') },
  { id: 'io.ox/settings', title: 'Settings', load: () => import('./apps/settings.js'), hiddenInLauncher: true },
];
const QUICK_LAUNCH = ['io.ox/mail', 'io.ox/calendar', 'io.ox/files'];

const running = new Map();
let context;
let current;

function initials(name) {
  const words = String(name).split(/[\s@._-]+/).filter(Boolean);
  return words.slice(0, 2).map((w) => w[0].toUpperCase()).join('') || '?';
}

/** Bootstrap-style dropdowns: the toggle opens its parent `.dropdown`, any other click closes it. */
function dropdown(li) {
  const toggle = $('.dropdown-toggle', li);
  toggle.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    const open = !li.classList.contains('open');
    for (const other of $$('.dropdown.open')) other.classList.remove('open');
    li.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  return li;
}

function launcherEntry(app) {
  return h('li', { role: 'presentation' },
    h('a', { href: `#!!&app=${app.id}`, class: 'lcell', role: 'menuitem', 'data-id': app.id, 'data-app-name': app.id, onclick: (e) => launch(e, app.id) },
      h('div', { class: 'icon', 'aria-hidden': 'true' }, app.title[0]),
      h('div', { class: 'title', text: app.title })));
}

function launch(event, id) {
  event.preventDefault();
  $('#io-ox-launcher').classList.remove('open');
  openApp(id);
}

async function signOut(event) {
  event.preventDefault();
  await api.logout();
  // Back to a fresh login page, as App Suite does without a logoutLocation.
  location.href = location.pathname;
}

/** Dropdown.link(name, text) of the real UI: `a[data-name]` (FE core/main.js: 'about', 'logout'). */
function menuItem(name, text, handler) {
  return h('li', { role: 'presentation' }, h('a', { href: '#', role: 'menuitem', tabindex: '-1', draggable: 'false', 'data-name': name, onclick: handler, text }));
}

function topBar({ serverConfig, user }) {
  const logo = serverConfig.loginPage?.logo;
  const userName = user.user ?? '';
  return h('div', { id: 'io-ox-appcontrol', role: 'banner' },
    h('div', { id: 'io-ox-top-logo' }, h('img', { src: logo, alt: serverConfig.productName })),
    h('ul', { id: 'io-ox-topleftbar', class: 'taskbar' },
      dropdown(h('li', { id: 'io-ox-launcher', class: 'launcher dropdown' },
        h('a', { href: '#', class: 'launcher-btn dropdown-toggle', role: 'button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-label': 'Navigate to:' },
          h('i', { class: 'fa fa-th', title: 'All Applications', 'aria-hidden': 'true' })),
        h('ul', { class: 'launcher-dropdown dropdown-menu', role: 'menu' }, APPS.filter((a) => !a.hiddenInLauncher).map(launcherEntry))))),
    h('div', { id: 'io-ox-quicklaunch', role: 'toolbar' },
      QUICK_LAUNCH.map((id) => {
        const app = APPS.find((a) => a.id === id);
        return h('button', { type: 'button', class: 'lcell', 'data-id': id, 'data-app-name': id, 'aria-label': app.title, title: app.title, onclick: (e) => launch(e, id) }, app.title);
      })),
    h('span', { class: 'spacer' }),
    h('ul', { id: 'io-ox-toprightbar', class: 'taskbar' },
      h('li', { id: 'io-ox-refresh-icon', class: 'launcher' },
        h('a', { href: '#', class: 'apptitle', role: 'button', 'aria-label': 'Refresh', title: 'Refresh', onclick: (e) => { e.preventDefault(); running.get(current)?.refresh(); } },
          h('i', { class: 'fa fa-refresh', 'aria-hidden': 'true' }))),
      dropdown(h('li', { id: 'io-ox-topbar-account-dropdown-icon', class: 'launcher dropdown' },
        h('a', { href: '#', class: 'dropdown-toggle', role: 'button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-label': 'Support and account', title: userName },
          h('span', { class: 'contact-picture', 'aria-hidden': 'true', text: initials(userName) })),
        h('ul', { id: 'topbar-account-dropdown', class: 'dropdown-menu', role: 'menu' },
          h('li', { class: 'dropdown-header', role: 'presentation', text: userName }),
          menuItem('settings', 'Settings', (e) => launch(e, 'io.ox/settings')),
          menuItem('about', 'About', (e) => { e.preventDefault(); openAboutDialog(serverConfig); }),
          h('li', { class: 'divider', role: 'separator' }),
          menuItem('logout', 'Sign out', signOut))))));
}

export async function openApp(id) {
  const app = APPS.find((a) => a.id === id) ?? APPS[0];
  if (!running.has(app.id)) {
    const module = await app.load();
    const instance = module.createApp(context);
    running.set(app.id, instance);
    $('#io-ox-windowmanager-pane').append(instance.window);
  }
  current = app.id;
  for (const [appId, instance] of running) {
    instance.window.hidden = appId !== app.id;
    instance.window.classList.toggle('active', appId === app.id);
  }
  for (const entry of $$('#io-ox-appcontrol .lcell')) entry.classList.toggle('active', entry.dataset.id === app.id);
  document.title = `${context.serverConfig.pageTitle} - ${app.title}`;
  history.replaceState(null, '', `#!!&app=${app.id}`);
  await running.get(app.id).show();
}

export async function startShell({ serverConfig, user, app }) {
  context = { serverConfig, user };
  api.on('busy', (busy) => $('#io-ox-refresh-icon .fa-refresh')?.classList.toggle('fa-spin', busy));
  api.on('sessionLost', () => {
    // Like App Suite: a dead session ends in the login page with a notice.
    location.hash = '#autologout=true';
    location.reload();
  });
  document.addEventListener('click', () => $$('.dropdown.open').forEach((d) => d.classList.remove('open')));
  const core = $('#io-ox-core');
  fill(core,
    topBar(context),
    h('div', { id: 'io-ox-screens' },
      h('div', { id: 'io-ox-windowmanager' }, h('div', { id: 'io-ox-windowmanager-pane' }))));
  core.hidden = false;
  core.classList.remove('hidden');
  core.setAttribute('aria-hidden', 'false');
  await openApp(app ?? 'io.ox/mail');
}
