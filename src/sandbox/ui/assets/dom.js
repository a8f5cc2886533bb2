// Tiny DOM helpers: elements are built with textContent only, so no text
// from the server or the brand is ever parsed as HTML.

/**
 * h('div', { class: 'x', 'data-id': 1, onclick: fn }, 'text', child)
 * Attributes whose value is null/undefined/false are left out; `on…` functions become listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** Marks one element of a list as selected (class and aria). */
export function select(items, chosen) {
  for (const item of items) {
    item.classList.toggle('selected', item === chosen);
    item.setAttribute('aria-selected', String(item === chosen));
  }
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** OX "Time" values asked for with timezone=UTC are plain UTC milliseconds. */
export function formatTime(ms) {
  return Number.isFinite(ms) ? dateFormat.format(new Date(ms)) : '';
}
