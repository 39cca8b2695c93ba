// The dashboard's filters (survey and days of receipt), kept in the page's query string: the
// controls, the API query they give, the summary line, the survey list and the CSV export.

import { api } from './api.js';
import { byId, el } from './dom.js';
import { t } from './i18n.js';

/** @typedef {{survey: string, from: string, to: string}} Filters */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters in the page's query string (`?survey=…&from=YYYY-MM-DD&to=YYYY-MM-DD`).
 * @returns {Filters}
 */
function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  const day = (/** @type {string} */ name) => (DAY.test(q.get(name) || '') ? q.get(name) || '' : '');
  return { survey: (q.get('survey') || '').slice(0, 64), from: day('from'), to: day('to') };
}

/** @type {Filters} */
export let filters = filtersFromUrl();

/**
 * An API query string: `extra` first, then the active filters.
 * @param {Record<string, string>} [extra]
 */
export function query(extra = {}) {
  const s = filterParams(true, extra).toString();
  return s ? `?${s}` : '';
}

/**
 * The filters as query parameters: the days as picked (the page's own address), or as the UTC
 * instants they span (`forApi`).
 * @param {boolean} forApi
 * @param {Record<string, string>} [extra]
 */
function filterParams(forApi, extra = {}) {
  const q = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(filters)) {
    if (v) q.set(k, forApi && (k === 'from' || k === 'to') ? dayBound(v, k === 'to') : v);
  }
  return q;
}

/**
 * A day picked in the page is a day of the manager's clock: sent to the API as the UTC instants
 * it spans (the store compares received_at, in UTC). A row received at 23:30 UTC shows as 00:30
 * the next day in Paris, and is found under that day.
 * @param {string} day YYYY-MM-DD
 * @param {boolean} end the day's last millisecond rather than its first
 */
function dayBound(day, end) {
  const [y, m, d] = day.split('-').map(Number);
  const at = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return Number.isNaN(at.getTime()) ? day : at.toISOString();
}

/** The filter summary line, e.g. "post-purchase, from 2026-11-01: 42 responses". */
export function describeFilters(/** @type {number} */ total) {
  const parts = [];
  if (filters.survey) parts.push(filters.survey);
  if (filters.from) parts.push(t().since(filters.from));
  if (filters.to) parts.push(t().until(filters.to));
  return t().matching(total, parts.length ? parts.join(', ') : t().everything);
}

/** Whether the survey select was filled since signing in. */
export let surveysLoaded = false;

/** Fills the survey select from `GET /v1/surveys`, keeping the current choice. */
export async function loadSurveys() {
  const res = await api('/v1/surveys');
  const { items } = /** @type {{items: {id: string, responses: number}[]}} */ (await res.json());
  const select = /** @type {HTMLSelectElement} */ (byId('pd-f-survey'));
  const ids = items.map((i) => i.id);
  if (filters.survey && !ids.includes(filters.survey)) ids.push(filters.survey);
  const options = ids.map((id) => {
    const option = /** @type {HTMLOptionElement} */ (el('option', '', id));
    option.value = id;
    return option;
  });
  select.replaceChildren(/** @type {HTMLOptionElement} */ (select.options[0]), ...options);
  select.value = filters.survey;
  surveysLoaded = true;
}

/** Copies `filters` into the controls (and their min/max, so the picker offers a valid range). */
export function showFilters() {
  const survey = /** @type {HTMLSelectElement} */ (byId('pd-f-survey'));
  const from = /** @type {HTMLInputElement} */ (byId('pd-f-from'));
  const to = /** @type {HTMLInputElement} */ (byId('pd-f-to'));
  if ([...survey.options].some((o) => o.value === filters.survey)) survey.value = filters.survey;
  from.value = filters.from;
  to.value = filters.to;
  from.max = filters.to;
  to.min = filters.from;
}

/**
 * Reads the controls; true when the filters are valid and changed (the lists, scores and charts
 * are to be loaded again).
 */
export function applyFilters() {
  const from = /** @type {HTMLInputElement} */ (byId('pd-f-from')).value;
  const to = /** @type {HTMLInputElement} */ (byId('pd-f-to')).value;
  const next = {
    survey: /** @type {HTMLSelectElement} */ (byId('pd-f-survey')).value,
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
  };
  const bad = Boolean(next.from && next.to && next.from > next.to);
  byId('pd-f-error').textContent = bad ? t().badRange : '';
  for (const id of ['pd-f-from', 'pd-f-to']) byId(id).setAttribute('aria-invalid', String(bad));
  if (bad) return false;
  if (next.survey === filters.survey && next.from === filters.from && next.to === filters.to) return false;
  filters = next;
  showFilters();
  const url = new URL(location.href);
  url.search = filterParams(false).toString();
  history.replaceState(null, '', url);
  return true;
}


/** Downloads the filtered responses as CSV (`GET /v1/export.csv`). */
export async function exportCsv() {
  try {
    const res = await api(`/v1/export.csv${query()}`);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'pepite-responses.csv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch {
    byId('pd-status').textContent = t().loadFailed;
  }
}
