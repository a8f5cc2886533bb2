// Mail: folder tree, list (mail?action=all), detail (mail?action=get) in an
// iframe, and the compose window sending multipart `json_0` to mail?action=new.
// Class names follow App Suite's e2e page objects (pageobjects/mail.js).
import * as api from '../api.js';
import { $, $$, fill, formatTime, h, select } from '../dom.js';
import { action, appWindow, busyIndicator, classicToolbar, errorMessage, folderNode, userConfig } from '../window.js';
import { openCompose } from './compose.js';

const LIST_COLUMNS = ['600', '601', '602', '603', '604', '607', '610', '611'];
const SEEN = 32;
const INBOX = 'default0/INBOX';

function person(pairs) {
  const [first] = Array.isArray(pairs) ? pairs : [];
  if (!first) return '';
  const [name, address] = first;
  return name || address || '';
}

function addressList(pairs) {
  return (Array.isArray(pairs) ? pairs : []).map(([name, address]) => (name ? `${name} <${address}>` : address)).join(', ');
}

export function createApp() {
  let folder = INBOX;
  const tree = h('div', { class: 'folder-tree', role: 'navigation', 'aria-label': 'Folders' });
  const list = h('ul', { class: 'list-view mail-item', 'data-ref': 'io.ox/mail/listview', role: 'listbox', 'aria-label': 'Messages' });
  const detail = h('div', { class: 'rightside mail-detail-pane', role: 'complementary' });
  const progress = h('div', { class: 'generic-toolbar mail-progress', hidden: true, text: 'Sending…' });
  const win = appWindow('mail', 'io.ox/mail',
    h('div', { class: 'window-sidepanel' }, tree),
    h('div', { class: 'window-body' },
      classicToolbar('Actions',
        action('io.ox/mail/actions/compose', 'Compose', () => compose(), { 'aria-label': 'Compose new email', class: 'btn btn-link primary-action' })),
      progress,
      h('div', { class: 'split' },
        h('div', { class: 'leftside' }, list),
        detail)));

  function compose() {
    openCompose({
      onsending: (busy) => { progress.hidden = !busy; },
      onsent: () => loadList(),
    });
  }

  async function loadTree() {
    fill(tree, h('div', { class: 'section-title', text: 'My folders' }));
    const standard = h('ul', { role: 'tree' });
    tree.append(h('ul', { role: 'presentation' },
      h('li', { class: 'folder section', 'data-id': 'virtual/standard', role: 'presentation' }, standard)));
    let folders;
    try {
      folders = await api.request('folders', { action: 'list', parent: 'default0', tree: 0, altNames: true, timezone: 'UTC', columns: '1,300,311,316' });
    } catch {
      folders = [[INBOX, 'Inbox', 0, 7]];
    }
    for (const [id, title, unread] of folders) {
      standard.append(folderNode(id, title, { unread, onselect: (chosen) => { folder = chosen; markFolder(); loadList(); } }));
    }
    markFolder();
  }

  function markFolder() {
    select($$('li.folder.selectable', tree), $(`li.folder[data-id="${CSS.escape(folder)}"]`, tree));
  }

  async function loadList() {
    fill(list, busyIndicator());
    list.closest('.leftside')?.setAttribute('aria-busy', 'true');
    let rows;
    try {
      rows = await api.request('mail', { action: 'all', folder, columns: LIST_COLUMNS.join(','), sort: '610', order: 'desc', limit: 200, timezone: 'UTC' });
    } catch (error) {
      return fill(list, errorMessage(error));
    } finally {
      list.closest('.leftside')?.removeAttribute('aria-busy');
    }
    if (rows.length === 0) return fill(list, h('li', { class: 'empty-message', text: 'This folder is empty' }));
    fill(list, rows.map(([id, folderId, attachment, from, , subject, received, flags], index) =>
      h('li', {
        class: `list-item selectable${flags & SEEN ? '' : ' unread'}`, role: 'option', tabindex: index === 0 ? '0' : '-1',
        'data-index': index, 'data-cid': `${folderId}.${id}`, 'aria-selected': 'false', onclick: (event) => open(event.currentTarget, folderId, id),
      },
      h('div', { class: 'list-item-content' },
        h('div', { class: 'list-item-row' },
          h('div', { class: 'from', text: person(from) }),
          attachment ? h('span', { class: 'attachment', title: 'has attachments', 'aria-label': 'has attachments' }) : null,
          h('time', { class: 'date', text: formatTime(received) })),
        h('div', { class: 'list-item-row' }, h('div', { class: 'subject', text: subject || '(no subject)' }))))));
  }

  async function open(item, folderId, id) {
    select($$('.list-item', list), item);
    item.classList.remove('unread');
    fill(detail, busyIndicator());
    let mail;
    try {
      mail = await api.request('mail', { action: 'get', folder: folderId, id, view: 'text', timezone: 'UTC' });
    } catch (error) {
      return fill(detail, errorMessage(error));
    }
    const [body, ...files] = mail.attachments ?? [];
    const frame = h('iframe', { class: 'mail-detail-frame', title: 'Message content', sandbox: 'allow-same-origin' });
    // The body is shown as text inside the frame App Suite uses, never as HTML.
    const content = h('div', { class: 'mail-detail-content', style: 'white-space: pre-wrap; font: 14px/1.4 sans-serif', text: body?.content ?? '' });
    frame.srcdoc = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${content.outerHTML}</body></html>`;
    fill(detail,
      h('div', { class: 'thread-view-control' },
        h('div', { class: 'thread-view-header' }, h('h1', { class: 'subject', text: mail.subject || '(no subject)' })),
        h('ul', { class: 'thread-view list-view' },
          h('li', { class: 'list-item mail-item expanded', 'data-cid': `${folderId}.${id}` },
            h('article', { class: 'mail-detail' },
              h('header', { class: 'detail-view-header' },
                h('div', { class: 'from', text: addressList(mail.from) }),
                h('div', { class: 'recipients', text: `To: ${addressList(mail.to)}` }),
                h('time', { class: 'date', text: formatTime(mail.received_date ?? mail.sent_date) })),
              files.length > 0 ? h('div', { class: 'attachment-list', text: `${files.length} attachment${files.length === 1 ? '' : 's'}` }) : null,
              frame)))));
  }

  return {
    window: win,
    async show() {
      if (!tree.hasChildNodes()) await Promise.all([loadTree(), loadList(), userConfig()]);
    },
    refresh: () => Promise.all([loadTree(), loadList()]),
  };
}
