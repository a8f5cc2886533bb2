// The compose window: a floating `.io-ox-mail-compose-window` with To,
// Subject, the editor and local attachments; Send posts the mail as multipart
// form field `json_0` (+ `file_<n>`) to mail?action=new. The editor follows
// the user's messageFormat like the real UI (default 'html': TinyMCE, whose
// body is a contenteditable inside an iframe in `.editor`; 'text':
// `textarea.plain-text`), and the compose menu ("Mail compose actions",
// header Editor) switches between them (editorMode text | html).
import * as api from '../api.js';
import { $, fill, h } from '../dom.js';
import { dropdown, header, option } from '../dropdown.js';
import { userConfig, userSettings } from '../window.js';

/** "Ann <ann@x>, bob@y" → [["Ann", "ann@x"], ["", "bob@y"]] */
export function parseRecipients(text) {
  return text.split(/[,;]/).map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^(.*?)\s*<([^>]+)>$/.exec(part);
    return match ? [match[1].replace(/^"|"$/g, ''), match[2]] : ['', part];
  });
}

/** Minimal HTML escaping for text put into the HTML editor. */
function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** TinyMCE's shape: `.tox-tinymce > .tox-edit-area > iframe`, body#tinymce.mce-content-body contenteditable. */
function htmlEditor(initialHtml) {
  const frame = h('iframe', { class: 'tox-edit-area__iframe', title: 'Rich Text Area', frameborder: '0',
    srcdoc: '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:sans-serif;font-size:14px;margin:8px}</style></head>'
      // initialHtml is built from escaped text only.
      + `<body id="tinymce" class="mce-content-body" contenteditable="true" aria-label="Rich Text Area">${initialHtml || '<p><br></p>'}</body></html>` });
  const node = h('div', { class: 'tox tox-tinymce', role: 'application' }, h('div', { class: 'tox-edit-area' }, frame));
  const body = () => frame.contentDocument?.body;
  return {
    mode: 'html',
    node,
    html: () => body()?.innerHTML ?? '',
    text: () => body()?.innerText ?? '',
    focus: () => body()?.focus(),
  };
}

function textEditor(initialText) {
  const area = h('textarea', { class: 'form-control plain-text', name: 'content', 'aria-label': 'Message' });
  area.value = initialText;
  return { mode: 'text', node: area, html: () => escapeHtml(area.value).replace(/\n/g, '<br>'), text: () => area.value, focus: () => area.focus() };
}

export function openCompose({ onsending, onsent }) {
  const files = [];
  const editorBox = h('div', { class: 'editor', 'data-extension-id': 'editor' });
  let editor = null;
  function setEditor(mode) {
    if (editor?.mode === mode) return;
    const previous = editor?.text() ?? '';
    editor = mode === 'text' ? textEditor(previous) : htmlEditor(previous ? `<p>${escapeHtml(previous).replace(/\n/g, '<br>')}</p>` : '');
    fill(editorBox, editor.node);
    for (const entry of menu.querySelectorAll('a[data-name="editorMode"]')) entry.setAttribute('aria-checked', String(entry.dataset.value === mode));
  }
  const menu = dropdown({ label: 'Options', ariaLabel: 'Mail compose actions', attributes: { 'data-dropdown': 'options' } },
    header('Editor'),
    option('editorMode', 'text', 'Plain Text', { onselect: setEditor }),
    option('editorMode', 'html', 'HTML', { onselect: setEditor }));
  const to = h('input', { type: 'text', class: 'form-control token-input', name: 'to', placeholder: 'To', 'aria-label': 'To', autocomplete: 'off' });
  const subject = h('input', { type: 'text', class: 'form-control', name: 'subject', placeholder: 'Subject', 'aria-label': 'Subject' });
  const feedback = h('div', { class: 'compose-feedback', role: 'alert' });
  const attachments = h('div', { class: 'attachments' });
  const picker = h('input', { type: 'file', multiple: true, hidden: true, onchange: () => {
    files.push(...picker.files);
    attachments.textContent = files.map((f) => f.name).join(', ');
    picker.value = '';
  } });
  const send = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'send', text: 'Send', onclick: () => submit() });

  const win = h('div', { class: 'io-ox-mail-compose-window floating-window active', role: 'dialog', 'aria-label': 'Compose' },
    h('div', { class: 'floating-header' },
      h('span', { class: 'title', text: 'Compose' }),
      h('button', { type: 'button', 'aria-label': 'Minimize', title: 'Minimize', text: '–', onclick: () => win.classList.toggle('minimized') }),
      h('button', { type: 'button', 'aria-label': 'Save and close', title: 'Close', 'data-action': 'close', text: '×', onclick: () => win.remove() })),
    h('div', { class: 'io-ox-mail-compose window-content' },
      h('div', { class: 'mail-compose-fields' }, feedback, to, subject, editorBox),
      h('div', { class: 'composetoolbar' },
        send,
        h('a', { href: '#', 'aria-label': 'Add local file', 'data-action': 'add-local-file', text: 'Attachments', onclick: (e) => { e.preventDefault(); picker.click(); } }),
        picker,
        menu,
        attachments)));

  async function submit() {
    if (!editor) return;
    const recipients = parseRecipients(to.value);
    if (recipients.length === 0) {
      fill(feedback, h('div', { class: 'alert alert-danger', text: 'Please enter at least one recipient.' }));
      return to.focus();
    }
    fill(feedback);
    const config = await userConfig();
    const mail = {
      ...(config.mail?.defaultaddress ? { from: [['', config.mail.defaultaddress]] } : {}),
      to: recipients,
      subject: subject.value,
      // As the real UI: text/plain from the text editor, text/html from the HTML editor.
      content_type: editor.mode === 'html' ? 'text/html' : 'text/plain',
      attachments: [editor.mode === 'html' ? { content_type: 'text/html', content: editor.html() } : { content_type: 'text/plain', content: editor.text() }],
      sendtype: 0,
    };
    const form = new FormData();
    form.append('json_0', JSON.stringify(mail));
    files.forEach((file, index) => form.append(`file_${index}`, file, file.name));
    send.disabled = true;
    onsending(true);
    try {
      await api.upload('mail', { action: 'new' }, form);
      win.remove();
      onsent();
    } catch (error) {
      fill(feedback, h('div', { class: 'alert alert-danger', text: error.message }));
    } finally {
      send.disabled = false;
      onsending(false);
    }
  }

  $('.io-ox-mail-compose-window')?.classList.remove('active');
  document.body.append(win);
  to.focus();
  // The editor follows the user's messageFormat ('alternative' edits in HTML too).
  userSettings('io.ox/mail').then(({ messageFormat }) => { if (!editor) setEditor(messageFormat === 'text' ? 'text' : 'html'); });
  return win;
}
