// The work queue (issue 16): `GET /v1/cases?queue=…` by tab (to call back, to read, history and
// its search), page by page, the tabs' counts, and a case changed in place from its controls.

import { api } from './api.js';
import { caseActions } from './case-actions.js';
import { caseItem } from './case-card.js';
import { byId, el } from './dom.js';
import { query } from './filters.js';
import { lang, t } from './i18n.js';

/** @typedef {import('./case-card.js').CaseRow} CaseRow */
/** @typedef {import('./api.js').HttpError} HttpError */

/** The queue shown, its search and the offset of the next page (null: every row drawn). */
const queue = { name: 'callback', q: '', next: /** @type {number|null} */ (null) };
/** Who a case may be assigned to (`GET /v1/users`). */
let users = /** @type {string[]} */ ([]);
const QUEUE_PAGE = 50;

/** @param {number} offset */
const queuePath = (offset) => `/v1/cases${query({ queue: queue.name, limit: String(QUEUE_PAGE),
  offset: String(offset), lang, ...(queue.name === 'history' && queue.q ? { q: queue.q } : {}) })}`;

/** How many cases each tab holds (`GET /v1/cases/counts`); returns what draws them. */
export async function loadCounts() {
  const n = await (await api(`/v1/cases/counts${query()}`)).json();
  return () => drawCounts(n);
}

/** @param {{callback: number, overdue: number, read: number, history: number, cap: number}} n */
function drawCounts(n) {
  const shown = (/** @type {number} */ v) => (v >= n.cap ? `${n.cap}+` : String(v));
  for (const name of ['callback', 'read', 'history']) {
    const v = /** @type {number} */ (n[/** @type {'callback'|'read'|'history'} */ (name)]);
    byId(`pd-tab-${name}-count`).textContent = t().tabCount(shown(v), name === 'callback' ? n.overdue : 0);
  }
}

/** What a change of a case does next (the figures, the counts and the log again: onCaseChanged). */
let afterChange = () => {};

/** @param {() => void} fn run after a case was changed */
export function onCaseChanged(fn) {
  afterChange = fn;
}

/** A case with its controls. @param {CaseRow} row */
function drawCase(row) {
  const item = caseItem(row);
  item.append(caseActions(row, users, caseChange));
  return item;
}

/** The tab a case is listed under, as the API's queues choose. @param {CaseRow} row */
const tabOf = (row) => (row.case.status !== 'open' ? 'history'
  : row.callbackConsent && (row.alert || /** @type {any} */ (row).category === 'detractor') ? 'callback' : 'read');

/**
 * Sends the changes of a case in order and draws the case again in place from the last answer;
 * the focus stays on the same control. A case that now belongs to another tab stays here (its
 * undo at hand), saying where it went; the figures, the tabs' counts and the delivery log are
 * loaded again. Every error is said on the case (a 409 as a conflict to reload for).
 * @param {CaseRow} row
 * @param {[string, any][]} steps each `[what, body]`: `status`, `assign`, `notes` or `undo`
 * @param {HTMLElement} error
 */
async function caseChange(row, steps, error) {
  let item = /** @type {HTMLElement} */ (error.closest('.pd-case'));
  if (item.getAttribute('aria-busy') === 'true') return;
  item.setAttribute('aria-busy', 'true');
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const focusClass = focused && item.contains(focused) ? [...focused.classList].find((c) => c.startsWith('pd-') && c !== 'pd-button' && c !== 'pd-quiet') : '';
  let changed = false;
  try {
    for (const [what, body] of steps) {
      const res = await api(`/v1/cases/${encodeURIComponent(row.responseId)}/${what}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const updated = /** @type {CaseRow & {event: number}} */ (await res.json());
      const next = drawCase(updated);
      if (tabOf(updated) !== queue.name) {
        const tabs = /** @type {Record<string, string>} */ ({ callback: t().tabCallback, read: t().tabRead, history: t().tabHistory });
        next.classList.add('pd-moved');
        next.insertBefore(el('p', 'pd-meta pd-moved-note', t().movedTo(tabs[tabOf(updated)])), next.children[1]);
      }
      item.replaceWith(next);
      item = next;
      changed = true;
      const again = /** @type {HTMLElement | null} */ (focusClass && next.querySelector(`.${focusClass}`));
      (again || next).focus();
      byId('pd-status').textContent = what === 'undo' ? t().undone : t().saved(updated.event);
      row = updated;
      error = /** @type {HTMLElement} */ (next.querySelector('.pd-case-error'));
      if (steps.length > 1) item.setAttribute('aria-busy', 'true');
    }
    item.removeAttribute('aria-busy');
  } catch (e) {
    item.removeAttribute('aria-busy');
    if (/** @type {Error} */ (e).message === 'unauthorized') return;
    const err = /** @type {HttpError} */ (e);
    error.textContent = err.code === 'collector.undo_conflict' ? t().conflict
      : err.code === 'collector.bad_transition' ? t().badTransition
        : err.code === 'collector.nothing_to_undo' ? t().nothingToUndo
          : err.status === 409 ? t().conflict
            : t().changeFailed(err.detail || err.message);
  }
  if (changed) afterChange();
}

/** Bumped on every queue load: a slow answer for a tab or search left since draws nothing. */
let queueRun = 0;

/** Fetches the first page of the queue shown; returns what draws it. */
export async function loadQueue() {
  const run = ++queueRun;
  const [page, who] = await Promise.all([
    api(queuePath(0)).then((res) => res.json()),
    users.length ? users : api('/v1/users').then((res) => res.json()).then((b) => b.items).catch(() => []),
  ]);
  return () => {
    if (run !== queueRun) return;
    users = who;
    queue.next = page.nextOffset;
    byId('pd-queue').replaceChildren();
    drawQueue(page.items);
  };
}

/** @param {CaseRow[]} items */
function drawQueue(items) {
  byId('pd-queue').append(...items.map(drawCase));
  const empty = !byId('pd-queue').children.length;
  const messages = /** @type {Record<string, string>} */ (t().queueEmpty);
  byId('pd-queue-empty').hidden = !empty;
  byId('pd-queue-empty').textContent = messages[queue.name];
  byId('pd-queue-more').hidden = queue.next === null;
}

/** Shows another queue (a tab) or another search, loading its first page. @param {string} name */
async function showQueue(name) {
  queue.name = name;
  for (const tab of document.querySelectorAll('.pd-tab')) {
    const on = /** @type {HTMLElement} */ (tab).dataset.queue === name;
    tab.setAttribute('aria-selected', String(on));
    tab.setAttribute('tabindex', on ? '0' : '-1');
  }
  byId('pd-queue-panel').setAttribute('aria-labelledby', `pd-tab-${name}`);
  byId('pd-q-form').hidden = name !== 'history';
  byId('pd-queue-error').textContent = '';
  try {
    (await loadQueue())();
  } catch (e) {
    if (/** @type {Error} */ (e).message !== 'unauthorized') byId('pd-queue-error').textContent = t().loadFailed;
  }
}

/** The next page of the queue shown; the focus goes to its first case. */
async function moreQueue() {
  if (queue.next === null) return;
  const run = queueRun;
  try {
    const page = await (await api(queuePath(queue.next))).json();
    if (run !== queueRun) return;
    queue.next = page.nextOffset;
    const drawn = byId('pd-queue').children.length;
    drawQueue(page.items);
    // The keyboard carries on from the first case drawn.
    /** @type {HTMLElement | undefined} */ (byId('pd-queue').children[drawn])?.focus();
  } catch (e) {
    if (/** @type {Error} */ (e).message !== 'unauthorized') byId('pd-queue-error').textContent = t().loadFailed;
  }
}

/** The tabs, the history's search, "Show more" and the phone's filter button. */
export function startInbox() {
  const tabs = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.pd-tab')]);
  for (const tab of tabs) {
    tab.addEventListener('click', () => showQueue(tab.dataset.queue || 'callback'));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      next.focus();
      showQueue(next.dataset.queue || 'callback');
    });
  }
  byId('pd-q-form').addEventListener('submit', (event) => {
    event.preventDefault();
    queue.q = /** @type {HTMLInputElement} */ (byId('pd-q')).value.trim();
    showQueue('history');
  });
  byId('pd-queue-more').addEventListener('click', moreQueue);
  const toggle = byId('pd-filters-toggle');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    byId('pd-filters').classList.toggle('pd-open', open);
  });
}
