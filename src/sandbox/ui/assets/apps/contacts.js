// Address book: contacts?action=all of the personal contacts folder (and the
// global address book, folder 6) in a `.vgrid`, with the contact detail view.
// Class names follow App Suite's pageobjects/contacts.js.
import * as api from '../api.js';
import { $$, fill, h, select } from '../dom.js';
import { appWindow, busyIndicator, classicToolbar, errorMessage, folderNode, userConfig } from '../window.js';

const COLUMNS = ['1', '20', '500', '501', '502', '555', '569', '519', '551'];

function nameOf([, , display, first, last, email]) {
  if (display) return display;
  if (last && first) return `${last}, ${first}`;
  return last || first || email || '(no name)';
}

export function createApp() {
  let folder;
  const tree = h('div', { class: 'folder-tree', role: 'navigation', 'aria-label': 'Address books' });
  const grid = h('div', { class: 'vgrid', role: 'navigation', 'aria-label': 'Contacts' });
  const detail = h('div', { class: 'rightside', role: 'complementary' });
  const win = appWindow('contacts', 'io.ox/contacts',
    h('div', { class: 'window-sidepanel' }, h('div', { class: 'tree-container' }, tree)),
    h('div', { class: 'window-body' },
      classicToolbar('Actions', h('span', { class: 'title', text: 'Address Book' })),
      h('div', { class: 'split' }, h('div', { class: 'leftside' }, grid), detail)));

  /** Contact folders under Private (1) and Public (2), as the folder API lists them. */
  async function addressBooks() {
    const lists = await Promise.all(['1', '2'].map((parent) =>
      api.request('folders', { action: 'list', parent, tree: 0, columns: '1,300,301' }).catch(() => [])));
    return lists.flat().filter(([, , module]) => module === 'contacts').map(([id, title]) => [String(id), title]);
  }

  async function drawTree() {
    const [config, books] = await Promise.all([userConfig(), addressBooks()]);
    folder ??= String(config.folder?.contacts ?? books[0]?.[0] ?? '');
    if (!books.some(([id]) => id === folder)) books.unshift([folder, 'Contacts']);
    fill(tree, h('ul', { role: 'tree' }, books.map(([id, title]) => folderNode(id, title, { onselect: (chosen) => { folder = chosen; markFolder(); load(); } }))));
    markFolder();
  }

  function markFolder() {
    const nodes = $$('li.folder', tree);
    select(nodes, nodes.find((node) => node.dataset.id === folder));
  }

  function showDetail(cell, row) {
    select($$('.vgrid-cell', grid), cell);
    const [, , , first, last, email, company, department, mobile] = row;
    const facts = [['First name', first], ['Last name', last], ['Email', email], ['Company', company], ['Department', department], ['Cell phone', mobile]].filter(([, value]) => value);
    fill(detail,
      h('div', { class: 'contact-detail view', 'data-cid': `${row[1]}.${row[0]}` },
        h('div', { class: 'contact-header' }, h('h1', { class: 'fullname', text: nameOf(row) })),
        h('dl', { class: 'contact-summary' }, facts.map(([label, value]) => [h('dt', { text: label }), h('dd', {}, label === 'Email' ? h('a', { href: `mailto:${value}`, text: value }) : value)]))));
  }

  async function load() {
    fill(grid, busyIndicator());
    let rows;
    try {
      rows = await api.request('contacts', { action: 'all', folder, columns: COLUMNS.join(','), sort: '502', order: 'asc' });
    } catch (error) {
      return fill(grid, errorMessage(error));
    }
    if (rows.length === 0) return fill(grid, h('div', { class: 'empty-message', text: 'Empty' }));
    fill(grid, h('div', { class: 'vgrid-scrollpane' }, rows.map((row, index) => {
      const cell = h('div', { class: 'vgrid-cell contact selectable', role: 'option', tabindex: index === 0 ? '0' : '-1', 'aria-label': nameOf(row), 'data-index': index, 'data-cid': `${row[1]}.${row[0]}` },
        h('div', { class: 'fullname', text: nameOf(row) }),
        row[5] ? h('div', { class: 'bright-text', text: row[5] }) : null);
      cell.addEventListener('click', () => showDetail(cell, row));
      return cell;
    })));
  }

  return {
    window: win,
    async show() {
      if (!grid.hasChildNodes()) {
        await drawTree();
        await load();
      }
    },
    refresh: () => load(),
  };
}
