// Building blocks every app window shares, with App Suite's class names.
import * as api from './api.js';
import { h } from './dom.js';

/** `.io-ox-<name>-window.window-container`, hidden until the shell shows it. */
export function appWindow(name, appId, ...children) {
  const win = h('div', { class: `io-ox-${name}-window window-container`, 'data-app-name': appId, role: 'main', hidden: true }, ...children);
  return win;
}

/** `.classic-toolbar-container > ul.classic-toolbar` with one `li` per item. */
export function classicToolbar(label, ...items) {
  return h('div', { class: 'classic-toolbar-container' },
    h('ul', { class: 'classic-toolbar', role: 'toolbar', 'aria-label': label },
      items.filter(Boolean).map((item) => h('li', { role: 'presentation' }, item))));
}

/** A toolbar action link, as App Suite renders them (`a[data-action]`). */
export function action(name, text, handler, attributes = {}) {
  return h('a', { href: '#', role: 'button', class: 'btn btn-link', 'data-action': name, draggable: 'false', ...attributes, text,
    onclick: (event) => { event.preventDefault(); handler(event); } });
}

/** One folder of a `.folder-tree`: `li.folder[data-id]` with label and optional unread counter. */
export function folderNode(id, title, { unread = 0, onselect } = {}) {
  return h('li', { class: 'folder selectable', 'data-id': id, role: 'treeitem', 'aria-label': title, 'aria-selected': 'false' },
    h('div', { class: 'folder-node', onclick: () => onselect?.(id) },
      h('div', { class: 'folder-label', text: title }),
      unread > 0 ? h('div', { class: 'folder-counter', text: unread }) : null));
}

export function busyIndicator() {
  return h('div', { class: 'busy-indicator', text: 'Loading…' });
}

export function errorMessage(error) {
  return h('div', { class: 'alert alert-danger error', role: 'alert', text: error.message });
}

/** The user's default folders from /ajax/config (asked once per page). */
let config;
export function userConfig() {
  config ??= api.request('config').catch(() => ({}));
  return config;
}

/**
 * The UI's defaults for the settings the stand-in reads, as the real UI's
 * settings/defaults.js files declare them (FE io.ox/calendar/settings/defaults.js
 * viewView 'week:workweek'; io.ox/mail/settings/defaults.js messageFormat 'html').
 */
const SETTING_DEFAULTS = {
  'io.ox/calendar': { viewView: 'week:workweek' },
  'io.ox/mail': { messageFormat: 'html' },
};

/** A user's settings tree (jslob `id`) over the defaults, asked once per page like the real UI's boot. */
const settings = new Map();
export function userSettings(id) {
  if (!settings.has(id)) {
    settings.set(id, api.request('jslob', { action: 'get', id })
      .then((blob) => ({ ...SETTING_DEFAULTS[id], ...(blob?.tree ?? {}) }))
      .catch(() => ({ ...SETTING_DEFAULTS[id] })));
  }
  return settings.get(id);
}
