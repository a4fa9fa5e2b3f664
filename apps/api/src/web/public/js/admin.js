// Admin pages: the token gate (typed once per tab, kept in sessionStorage) and shared helpers.
import { api } from './api.js';
import { adminToken, setAdminToken } from './admin-token.js';
import { byId, focusOn, h, replace, say } from './dom.js';

/**
 * Shows the admin token form in `#admin-auth` until a token is accepted, then calls `onReady()`
 * (again after a token is replaced). A token is checked with `GET /api/admin/theaters`.
 */
export function adminGate(onReady) {
  const box = byId('admin-auth');
  const content = byId('admin-content');

  function signedIn() {
    content.hidden = false;
    replace(
      box,
      h(
        'p',
        { class: 'admin-auth__ok' },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        'Signed in with the admin token. ',
        h('button', { type: 'button', class: 'link-button', on: { click: signOut } }, 'Use another token'),
      ),
    );
    onReady();
  }

  function signOut() {
    setAdminToken(null);
    askToken();
  }

  function askToken(message) {
    content.hidden = true;
    const input = h('input', {
      id: 'admin-token',
      name: 'token',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
      minlength: 16,
      spellcheck: 'false',
    });
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const form = h(
      'form',
      { class: 'card token-form', 'aria-labelledby': 'token-title' },
      h('h2', { id: 'token-title' }, 'Admin sign-in'),
      h(
        'p',
        { class: 'hint' },
        'Paste the admin token (ADMIN_TOKEN; without it the node prints a token at start). It is kept in this tab only.',
      ),
      // A (hidden) account name lets password managers file the token; browsers expect one.
      h('input', {
        type: 'text',
        name: 'username',
        value: 'admin',
        autocomplete: 'username',
        hidden: true,
        readonly: true,
      }),
      h('div', { class: 'field' }, h('label', { for: 'admin-token' }, 'Admin token'), input),
      error,
      h('button', { type: 'submit', class: 'button button--primary' }, 'Sign in'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      setAdminToken(input.value.trim());
      try {
        await api('/admin/theaters', { admin: true });
        signedIn();
      } catch (failure) {
        setAdminToken(null);
        say(
          error,
          failure.status === 401 || failure.status === 403
            ? 'This token was refused. Check it and try again.'
            : failure.message,
          'error',
        );
        input.focus();
      }
    });
    replace(box, form);
    if (message) say(error, message, 'error');
    focusOn(input);
  }

  /** Call when an admin request answered 401/403: asks for the token again. */
  function refused() {
    setAdminToken(null);
    askToken('The admin token was refused. Sign in again.');
  }

  // After returning, so that `onReady` may already use the gate this returns.
  queueMicrotask(() => (adminToken() ? signedIn() : askToken()));
  return { refused };
}

/** Calls the admin API; a 401/403 sends the admin back to the token form through `gate.refused()`. */
export async function adminApi(gate, path, options = {}) {
  try {
    return await api(path, { ...options, admin: true });
  } catch (error) {
    if (error.status === 401 || error.status === 403) gate.refused();
    throw error;
  }
}
