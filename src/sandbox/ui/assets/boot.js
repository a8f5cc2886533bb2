// Login page behaviour, as in App Suite: the loader covers the page while
// the UI tries autologin (the real UI does on every load); when the server
// refuses it (autologin is off by default) the loader fades out, the form is
// bound and the user name gets focus. A successful login hides the login
// screen and starts the shell.
import * as api from './api.js';
import { $, fill, h } from './dom.js';

/** Parameters in the URL hash, as App Suite reads them (`#!!&app=io.ox/mail&autologout=true`). */
export function hashParams() {
  return new URLSearchParams(location.hash.replace(/^#!*&?/, ''));
}

async function loadServerConfig() {
  // Relative to the page (/appsuite/), like the real UI's `api/` base.
  const response = await fetch('api/apps/manifests?action=config', { credentials: 'same-origin' });
  return (await response.json()).data;
}

function feedback(type, message) {
  const box = $('#io-ox-login-feedback');
  if (!message) return fill(box);
  fill(box, h('div', { class: `alert alert-${type}`, role: 'alert' }, h('div', { class: 'message', text: message })));
}

/** Fades the loader out and resolves once it is gone (transition end, or at once without transitions). */
function hideLoader() {
  const loader = $('#background-loader');
  return new Promise((resolve) => {
    const done = () => {
      loader.classList.remove('busy');
      loader.hidden = true;
      resolve();
    };
    const duration = parseFloat(getComputedStyle(loader).transitionDuration) || 0;
    if (duration === 0) return done();
    loader.addEventListener('transitionend', done, { once: true });
    requestAnimationFrame(() => loader.classList.add('fade-out'));
  });
}

async function enterShell(serverConfig, user) {
  $('#io-ox-login-screen').hidden = true;
  const { startShell } = await import('./shell.js');
  await startShell({ serverConfig, user, app: hashParams().get('app') });
}

async function submit(event, serverConfig) {
  event.preventDefault();
  const username = $('#io-ox-login-username');
  const password = $('#io-ox-login-password');
  const button = $('#io-ox-login-button');
  if (!username.value.trim()) {
    feedback('info', 'Please enter your credentials.');
    return username.focus();
  }
  if (!password.value) {
    feedback('info', 'Please enter your password.');
    return password.focus();
  }
  feedback();
  button.disabled = true;
  try {
    const answer = await api.login(username.value.trim(), password.value, $('#io-ox-login-store-box').checked);
    password.value = '';
    await enterShell(serverConfig, answer);
  } catch (error) {
    // LGI-0006 and friends: show the server's message, as App Suite does.
    feedback('danger', error.message);
    password.value = '';
    password.focus();
  } finally {
    button.disabled = false;
  }
}

async function boot() {
  const serverConfig = await loadServerConfig();
  // A reload keeps the session only where the server allows autologin.
  const resumed = await api.autoLogin().catch(() => null);
  if (resumed) {
    await hideLoader();
    return enterShell(serverConfig, resumed);
  }
  await hideLoader();
  if (hashParams().get('autologout') === 'true') feedback('info', 'You have been automatically signed out. Please sign in again.');
  $('#io-ox-login-form').addEventListener('submit', (event) => submit(event, serverConfig));
  $('#io-ox-login-username').focus();
}

boot().catch((error) => {
  $('#background-loader').hidden = true;
  feedback('danger', `The user interface could not start: ${error.message}`);
});
