// The compose window: a floating `.io-ox-mail-compose-window` with To,
// Subject, a plain-text editor and local attachments; Send posts the mail as
// multipart form field `json_0` (+ `file_<n>`) to mail?action=new.
import * as api from '../api.js';
import { $, fill, h } from '../dom.js';
import { userConfig } from '../window.js';

/** "Ann <ann@x>, bob@y" → [["Ann", "ann@x"], ["", "bob@y"]] */
export function parseRecipients(text) {
  return text.split(/[,;]/).map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^(.*?)\s*<([^>]+)>$/.exec(part);
    return match ? [match[1].replace(/^"|"$/g, ''), match[2]] : ['', part];
  });
}

export function openCompose({ onsending, onsent }) {
  const files = [];
  const to = h('input', { type: 'text', class: 'form-control token-input', name: 'to', placeholder: 'To', 'aria-label': 'To', autocomplete: 'off' });
  const subject = h('input', { type: 'text', class: 'form-control', name: 'subject', placeholder: 'Subject', 'aria-label': 'Subject' });
  const editor = h('textarea', { class: 'form-control plain-text editor', name: 'content', 'aria-label': 'Message' });
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
      h('div', { class: 'mail-compose-fields' }, feedback, to, subject, editor),
      h('div', { class: 'composetoolbar' },
        send,
        h('a', { href: '#', 'aria-label': 'Add local file', 'data-action': 'add-local-file', text: 'Attachments', onclick: (e) => { e.preventDefault(); picker.click(); } }),
        picker,
        attachments)));

  async function submit() {
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
      content_type: 'text/plain',
      attachments: [{ content_type: 'text/plain', content: editor.value }],
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
  return win;
}
