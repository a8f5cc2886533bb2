// Settings: the basic settings page (read-only here), with App Suite's
// tree/pane layout and `data-point` of the detail view.
import { fill, h } from '../dom.js';
import { appWindow, userConfig } from '../window.js';

export function createApp(context) {
  const pane = h('div', { class: 'scrollable-pane' });
  const win = appWindow('settings', 'io.ox/settings',
    h('div', { class: 'split' },
      h('div', { class: 'leftside' },
        h('div', { class: 'tree-container' },
          h('div', { class: 'folder-tree', role: 'navigation', 'aria-label': 'Settings' },
            h('ul', { role: 'tree' },
              h('li', { class: 'folder selectable selected', 'data-id': 'virtual/settings/io.ox/core', role: 'treeitem', 'aria-selected': 'true' },
                h('div', { class: 'folder-node' }, h('div', { class: 'folder-label', text: 'Basic settings' }))))))),
      h('div', { class: 'rightside' }, pane)));

  async function draw() {
    const config = await userConfig();
    const facts = [['User', context.user.user], ['Language', config.language], ['Time zone', config.timezone], ['Default sender address', config.mail?.defaultaddress], ['Server version', config.serverVersion]];
    fill(pane,
      h('div', { 'data-point': 'io.ox/core/settings/detail/view', class: 'settings-detail-pane' },
        h('h1', { text: 'Basic settings' }),
        h('dl', { class: 'contact-detail' }, facts.filter(([, v]) => v !== undefined).map(([label, value]) => [h('dt', { text: label }), h('dd', { text: String(value) })]))));
  }

  return {
    window: win,
    async show() {
      if (!pane.hasChildNodes()) await draw();
    },
    refresh: () => draw(),
  };
}
