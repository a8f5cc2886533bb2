// Drive: the user's "My files" folder listed with infostore?action=all,
// upload through infostore?action=new (multipart `json` + `file`), and a
// small viewer with the details and a download link. Class names follow App
// Suite's pageobjects/drive.js.
import * as api from '../api.js';
import { $$, fill, formatBytes, formatTime, h, select } from '../dom.js';
import { action, appWindow, busyIndicator, classicToolbar, errorMessage, folderNode, userConfig } from '../window.js';

const COLUMNS = ['1', '20', '700', '702', '703', '704', '5'];

function fileType(name) {
  const extension = /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
  return extension ? `file-type-${extension}` : 'file-type-unknown';
}

export function createApp() {
  let folder;
  const tree = h('div', { class: 'folder-tree', role: 'navigation', 'aria-label': 'Folders' });
  const list = h('ul', { class: 'file-list-view list-view', 'data-ref': 'io.ox/files/listview', role: 'listbox', 'aria-label': 'Files' });
  const feedback = h('div', { role: 'alert' });
  const picker = h('input', { type: 'file', multiple: true, hidden: true, name: 'file', onchange: () => uploadFiles([...picker.files]) });
  const win = appWindow('files', 'io.ox/files',
    h('div', { class: 'window-sidepanel' }, h('div', { class: 'tree-container' }, tree)),
    h('div', { class: 'window-body' },
      classicToolbar('Actions',
        action('io.ox/files/actions/upload', 'Upload files', () => picker.click(), { 'aria-label': 'Upload files' }),
        picker),
      h('div', { class: 'secondary-toolbar' }, h('div', { class: 'breadcrumb-view', role: 'navigation', 'aria-label': 'Path', text: 'My files' })),
      feedback,
      list));

  async function uploadFiles(files) {
    picker.value = '';
    fill(feedback);
    try {
      for (const file of files) {
        const form = new FormData();
        form.append('json', JSON.stringify({ folder_id: folder, title: file.name, description: '' }));
        form.append('file', file, file.name);
        await api.upload('infostore', { action: 'new' }, form);
      }
    } catch (error) {
      fill(feedback, errorMessage(error));
    }
    await load();
  }

  function openViewer(item, row) {
    select($$('.list-item', list), item);
    const [id, folderId, title, filename, mimetype, size, modified] = row;
    const viewer = h('div', { class: 'io-ox-viewer', role: 'dialog', 'aria-label': filename || title },
      h('div', { class: 'viewer-main' },
        h('div', { class: 'viewer-displayer-title', text: filename || title }),
        h('a', { class: 'btn btn-primary', 'data-action': 'download', download: filename, href: api.downloadUrl('infostore', { action: 'document', folder: folderId, id }), text: 'Download' }),
        h('button', { type: 'button', class: 'btn', 'data-action': 'close', 'aria-label': 'Close viewer', text: 'Close', onclick: () => viewer.remove() })),
      h('div', { class: 'viewer-sidebar' },
        h('h2', { class: 'sidebar-panel-title', text: 'Details' }),
        h('dl', {},
          h('dt', { text: 'Name' }), h('dd', { text: filename || title }),
          h('dt', { text: 'Size' }), h('dd', { text: formatBytes(size) }),
          h('dt', { text: 'Type' }), h('dd', { text: mimetype || '' }),
          h('dt', { text: 'Modified' }), h('dd', { text: formatTime(modified) }))));
    document.body.append(viewer);
  }

  async function load() {
    list.classList.remove('complete');
    fill(list, busyIndicator());
    let rows;
    try {
      rows = await api.request('infostore', { action: 'all', folder, columns: COLUMNS.join(','), sort: '702', order: 'asc', timezone: 'UTC' });
    } catch (error) {
      return fill(list, errorMessage(error));
    }
    fill(list, rows.length === 0 ? h('li', { class: 'empty-message', text: 'This folder is empty' }) : rows.map((row, index) => {
      const [id, folderId, title, filename, , size, modified] = row;
      const item = h('li', { class: `list-item selectable file-type ${fileType(filename)}`, role: 'option', tabindex: index === 0 ? '0' : '-1', 'data-index': index, 'data-cid': `${folderId}.${id}`, 'aria-label': filename || title },
        h('div', { class: 'list-item-content' },
          h('div', { class: 'list-item-row' },
            h('div', { class: 'filename', text: filename || title }),
            h('span', { class: 'size', text: formatBytes(size) }),
            h('time', { class: 'date', text: formatTime(modified) }))));
      item.addEventListener('dblclick', () => openViewer(item, row));
      item.addEventListener('click', () => select($$('.list-item', list), item));
      item.addEventListener('keydown', (event) => event.key === 'Enter' && openViewer(item, row));
      return item;
    }));
    list.classList.add('complete');
  }

  async function drawTree() {
    const config = await userConfig();
    folder = String(config.folder?.infostore ?? '');
    const node = folderNode(folder, 'My files');
    node.classList.add('selected');
    fill(tree, h('ul', { role: 'tree' }, node));
  }

  return {
    window: win,
    async show() {
      if (!tree.hasChildNodes()) {
        await drawTree();
        await load();
      }
    },
    refresh: () => load(),
  };
}
