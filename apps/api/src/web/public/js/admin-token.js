// The admin token, typed once per browser tab and kept in sessionStorage (gone when the tab closes).

const KEY = 'marquee.adminToken';

/** The admin token of this tab, or null. */
export function adminToken() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the admin token of this tab. */
export function setAdminToken(token) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the token lives only as long as the page.
  }
}
