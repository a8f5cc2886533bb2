// The about dialog (account menu > About): product name, the brand's lines,
// contact, version and copyright, like App Suite's modal.
import { $, h } from './dom.js';

export function closeDialog(dialog) {
  dialog.remove();
}

export function openAboutDialog(serverConfig) {
  $('.modal.about-dialog')?.remove();
  const year = new Date().getFullYear();
  const copyright = String(serverConfig.copyright ?? '').replaceAll('(c)', '©').replaceAll('$year', String(year));
  const dialog = h('div', { class: 'modal about-dialog open', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'about-dialog-title' },
    h('div', { class: 'modal-dialog' },
      h('div', { class: 'modal-content' },
        h('div', { class: 'modal-header' }, h('h1', { class: 'modal-title', id: 'about-dialog-title', text: serverConfig.productName })),
        h('div', { class: 'modal-body about-content' },
          (serverConfig.about?.lines ?? []).map((line) => h('p', { class: 'about-line', text: line })),
          serverConfig.contact ? h('p', { class: 'contact', text: serverConfig.contact }) : null,
          h('p', { class: 'version', text: `Version: ${serverConfig.serverVersion}` }),
          h('p', { class: 'copyright', text: copyright })),
        h('div', { class: 'modal-footer' },
          h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'cancel', text: 'Close', onclick: () => closeDialog(dialog) })))));
  dialog.addEventListener('keydown', (event) => event.key === 'Escape' && closeDialog(dialog));
  document.body.append(dialog);
  $('[data-action="cancel"]', dialog).focus();
  return dialog;
}
