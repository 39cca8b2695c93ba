// The dashboard's API client: every call carries the admin token kept for this tab
// (sessionStorage); a 401 forgets it and shows the sign-in form again.

import { byId } from './dom.js';
import { t } from './i18n.js';

export const TOKEN_KEY = 'pepite.adminToken';

/** An API answer other than 2xx, with its status (409: the follow-up already moved on). */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} [code] the API's error code (`collector.undo_conflict`…)
   * @param {string} [detail] its message
   */
  constructor(status, code = '', detail = '') {
    super(`HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.detail = detail || `HTTP ${status}`;
  }
}

/**
 * Calls the API with the token; a 401 sends the user back to the token form, another non-2xx
 * answer throws an HttpError.
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function api(path, init = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY) || '';
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers, cache: 'no-store' });
  if (res.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(t().badToken);
    throw new Error('unauthorized');
  }
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    const first = body?.errors?.[0] || {};
    throw new HttpError(res.status, first.code, first.message);
  }
  return res;
}

/** @param {string} [message] */
export function showLogin(message = '') {
  byId('pd-app').hidden = true;
  byId('pd-logout').hidden = true;
  byId('pd-export').hidden = true;
  byId('pd-login').hidden = false;
  byId('pd-login-error').textContent = message;
  byId('pd-token').focus();
}
