// Dropdowns as App Suite's mini-views/dropdown.js renders them: a toggle with
// data-toggle="dropdown" and a `.dropdown-label`, a `ul.dropdown-menu`,
// options `a[data-name][data-value]` (menuitemradio, aria-checked) and links
// `a[data-name]`. A click elsewhere closes them (the shell's document listener).
import { $$, h } from './dom.js';

function closeAll(except) {
  for (const open of $$('.dropdown.open')) if (open !== except) open.classList.remove('open');
}

/**
 * dropdown({ label, ariaLabel, attributes }, ...entries) → `div.dropdown`.
 * Entries come from header(), option() and link().
 */
export function dropdown({ label, ariaLabel, attributes = {} }, ...entries) {
  const menu = h('ul', { class: 'dropdown-menu', role: 'menu' }, entries);
  const toggle = h('a', { href: '#', draggable: 'false', role: 'button', 'data-toggle': 'dropdown', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-label': ariaLabel ?? label },
    h('span', { class: 'dropdown-label', text: label }));
  const root = h('div', { class: 'dropdown', ...attributes }, toggle, menu);
  toggle.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    closeAll(root);
    const open = !root.classList.contains('open');
    root.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  menu.addEventListener('click', () => {
    root.classList.remove('open');
    toggle.setAttribute('aria-expanded', 'false');
  });
  return root;
}

export function header(text) {
  return h('li', { class: 'dropdown-header', role: 'separator' }, h('span', { 'aria-hidden': 'true', text }));
}

/** A radio option; `onselect(value)` runs on click, the checked state follows `isChecked()`. */
export function option(name, value, text, { checked = false, onselect } = {}) {
  const link = h('a', { href: '#', draggable: 'false', role: 'menuitemradio', tabindex: '-1', 'data-name': name, 'data-value': value, 'aria-checked': String(checked), text,
    onclick: (event) => {
      event.preventDefault();
      for (const other of $$(`a[data-name="${name}"]`, link.closest('ul') ?? document)) other.setAttribute('aria-checked', String(other === link));
      onselect?.(value);
    } });
  return h('li', { role: 'presentation' }, link);
}

export function link(name, text, onclick) {
  return h('li', { role: 'presentation' }, h('a', { href: '#', draggable: 'false', role: 'menuitem', tabindex: '-1', 'data-name': name, text,
    onclick: (event) => { event.preventDefault(); onclick(event); } }));
}
