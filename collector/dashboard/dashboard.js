// Pépite dashboard: asks for the admin token once (sessionStorage), then draws the call-back list,
// the headline scores and SVG charts from the JSON API, filtered by survey and dates (kept in the
// page's query string). Shopper text only ever goes through textContent, never HTML.

/** @typedef {{priority: string, reasons: string[]} | null} Alert */
/** @typedef {{responseId: string, nps: number|null, comment: string, orderId: string,
 *   receivedAt: string, callbackConsent: boolean, alert: Alert, note: string}} Row */
/** @typedef {{survey: string, from: string, to: string}} Filters */

const TOKEN_KEY = 'pepite.adminToken';
const LANG_KEY = 'pepite.dashboardLang';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Every UI string, by language. */
const STRINGS = {
  en: {
    switchLanguage: 'Français',
    export: 'Export CSV',
    logout: 'Sign out',
    tokenLabel: 'Admin token',
    signIn: 'Open the dashboard',
    badToken: 'This token was refused.',
    callbackTitle: 'To call back',
    callbackHint: 'Open detractors and alerts, newest first.',
    callbackEmpty: 'Nobody to call back.',
    kpiTitle: 'Scores',
    filtersTitle: 'Filters',
    surveyLabel: 'Survey',
    allSurveys: 'All surveys',
    fromLabel: 'From',
    toLabel: 'To',
    resetFilters: 'Reset',
    datesHint: 'Dates of receipt, UTC, both days included.',
    badRange: 'The start date is after the end date.',
    everything: 'All responses',
    matching: (/** @type {number} */ n, /** @type {string} */ scope) =>
      `${scope}: ${n} response${n === 1 ? '' : 's'}`,
    since: (/** @type {string} */ d) => `from ${d}`,
    until: (/** @type {string} */ d) => `to ${d}`,
    distributionTitle: 'Scores from 0 to 10',
    trendTitle: 'NPS by day',
    noComment: 'No comment.',
    order: 'Order',
    consentYes: 'Agreed to a call back',
    consentNo: 'No call-back consent',
    note: 'Note',
    notePlaceholder: 'What was said, what was done…',
    markContacted: 'Mark contacted',
    marked: 'Marked as contacted.',
    loading: 'Loading…',
    loadFailed: 'Could not load the data.',
    responses: (/** @type {number} */ n) => `${n} response${n === 1 ? '' : 's'}`,
    satisfied: (/** @type {number} */ n) => `satisfied, of ${n}`,
    effort: (/** @type {number} */ n) => `mean effort (1–7), of ${n}`,
    margin: (/** @type {string} */ m, /** @type {number} */ n) => `± ${m} (95%), ${n} answers`,
    reasons: {
      nps_detractor: 'detractor', csat_low: 'low CSAT', ces_high_effort: 'high effort',
      callback_request: 'asks for a call', legal_threat: 'legal threat',
      cancellation: 'cancellation', refund_demand: 'refund demand', anger: 'anger',
    },
    high: 'urgent',
  },
  fr: {
    switchLanguage: 'English',
    export: 'Exporter en CSV',
    logout: 'Se déconnecter',
    tokenLabel: 'Jeton d’administration',
    signIn: 'Ouvrir le tableau de bord',
    badToken: 'Ce jeton a été refusé.',
    callbackTitle: 'À rappeler',
    callbackHint: 'Détracteurs et alertes à traiter, les plus récents d’abord.',
    callbackEmpty: 'Personne à rappeler.',
    kpiTitle: 'Indicateurs',
    filtersTitle: 'Filtres',
    surveyLabel: 'Questionnaire',
    allSurveys: 'Tous les questionnaires',
    fromLabel: 'Du',
    toLabel: 'Au',
    resetFilters: 'Réinitialiser',
    datesHint: 'Dates de réception, en UTC, bornes incluses.',
    badRange: 'La date de début est après la date de fin.',
    everything: 'Toutes les réponses',
    matching: (/** @type {number} */ n, /** @type {string} */ scope) =>
      `${scope} : ${n} réponse${n > 1 ? 's' : ''}`,
    since: (/** @type {string} */ d) => `du ${d}`,
    until: (/** @type {string} */ d) => `au ${d}`,
    distributionTitle: 'Notes de 0 à 10',
    trendTitle: 'NPS par jour',
    noComment: 'Pas de commentaire.',
    order: 'Commande',
    consentYes: 'Accepte d’être rappelé·e',
    consentNo: 'Pas d’accord pour un rappel',
    note: 'Note',
    notePlaceholder: 'Ce qui a été dit, ce qui a été fait…',
    markContacted: 'Marquer comme contacté',
    marked: 'Marqué comme contacté.',
    loading: 'Chargement…',
    loadFailed: 'Impossible de charger les données.',
    responses: (/** @type {number} */ n) => `${n} réponse${n > 1 ? 's' : ''}`,
    satisfied: (/** @type {number} */ n) => `satisfaits, sur ${n}`,
    effort: (/** @type {number} */ n) => `effort moyen (1–7), sur ${n}`,
    margin: (/** @type {string} */ m, /** @type {number} */ n) => `± ${m} (95 %), ${n} réponses`,
    reasons: {
      nps_detractor: 'détracteur', csat_low: 'CSAT bas', ces_high_effort: 'effort élevé',
      callback_request: 'demande un rappel', legal_threat: 'menace juridique',
      cancellation: 'annulation', refund_demand: 'demande de remboursement', anger: 'colère',
    },
    high: 'urgent',
  },
};

/** @type {'en' | 'fr'} */
let lang = sessionStorage.getItem(LANG_KEY) === 'fr' ? 'fr' : sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' :
  (document.documentElement.lang === 'fr' ? 'fr' : 'en');

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @returns {typeof STRINGS.en} */
const t = () => STRINGS[lang];

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
let filters = filtersFromUrl();

/** Bumped on every load, so a slow answer to an older filter never overwrites a newer one. */
let generation = 0;

/**
 * An API query string: `extra` first, then the active filters.
 * @param {Record<string, string>} [extra]
 */
function query(extra = {}) {
  const q = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Sets every [data-i18n] element's text and the page language. */
function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (el).dataset.i18n;
    const value = /** @type {Record<string, unknown>} */ (t())[key || ''];
    if (typeof value === 'string') el.textContent = value;
  }
  byId('pd-token').setAttribute('aria-describedby', 'pd-login-error');
}

/**
 * Calls the API with the token; a 401 sends the user back to the token form.
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function api(path, init = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY) || '';
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers, cache: 'no-store' });
  if (res.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(t().badToken);
    throw new Error('unauthorized');
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res;
}

/** @param {string} [message] */
function showLogin(message = '') {
  byId('pd-app').hidden = true;
  byId('pd-logout').hidden = true;
  byId('pd-export').hidden = true;
  byId('pd-login').hidden = false;
  byId('pd-login-error').textContent = message;
  byId('pd-token').focus();
}

/**
 * An element with a class and text (text is always set as text, never parsed).
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {string} iso */
function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** @param {number} v */
const fmt1 = (v) => (Math.round(v * 10) / 10).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * One call-back entry: score, comment, order, date, consent, alert reasons, note + action.
 * @param {Row} row
 */
function callbackItem(row) {
  const item = el('li', 'pd-item');
  item.dataset.responseId = row.responseId;
  item.append(el('div', 'pd-score', row.nps === null ? '–' : String(row.nps)));

  const comment = el('p', row.comment ? 'pd-comment' : 'pd-comment pd-none',
    row.comment || t().noComment);
  item.append(comment);

  const meta = el('p', 'pd-meta');
  meta.append(`${t().order} ${row.orderId || '–'} · ${formatDate(row.receivedAt)} · `);
  meta.append(el('span', row.callbackConsent ? 'pd-badge pd-consent' : 'pd-badge',
    row.callbackConsent ? t().consentYes : t().consentNo));
  item.append(meta);

  const reasons = el('p', 'pd-meta');
  if (row.alert) {
    if (row.alert.priority === 'high') reasons.append(el('span', 'pd-badge', t().high));
    for (const reason of row.alert.reasons) {
      const labels = /** @type {Record<string, string>} */ (t().reasons);
      reasons.append(el('span', 'pd-badge', labels[reason] || reason));
    }
  }
  item.append(reasons);

  const actions = el('div', 'pd-actions');
  const noteId = `pd-note-${row.responseId}`;
  const label = el('label', 'pd-visually-hidden', t().note);
  label.setAttribute('for', noteId);
  const note = /** @type {HTMLInputElement} */ (el('input', 'pd-note'));
  note.id = noteId;
  note.type = 'text';
  note.maxLength = 2000;
  note.placeholder = t().notePlaceholder;
  note.value = row.note || '';
  const button = el('button', 'pd-button', t().markContacted);
  button.setAttribute('type', 'button');
  button.addEventListener('click', () => markContacted(row.responseId, note.value, item));
  actions.append(label, note, button);
  item.append(actions);
  return item;
}

/**
 * @param {string} id
 * @param {string} note
 * @param {HTMLElement} item
 */
async function markContacted(id, note, item) {
  try {
    await api(`/v1/responses/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ followUp: 'contacted', note }),
    });
    item.remove();
    byId('pd-status').textContent = t().marked;
    byId('pd-callback-empty').hidden = byId('pd-callback').children.length > 0;
  } catch {
    byId('pd-status').textContent = t().loadFailed;
  }
}

/**
 * @param {string} tag
 * @param {Record<string, string|number>} attrs
 */
function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** @param {number[]} counts NPS answers per score 0..10 */
function drawDistribution(counts) {
  const width = 660;
  const height = 220;
  const base = 190;
  const max = Math.max(1, ...counts);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const title = svg('title', {});
  title.textContent = counts.map((c, i) => `${i}: ${c}`).join(', ');
  root.append(title);
  root.append(svg('line', { x1: 20, y1: base, x2: width - 10, y2: base, class: 'pd-axis' }));
  counts.forEach((count, score) => {
    const slot = (width - 40) / 11;
    const x = 24 + score * slot;
    const h = Math.round((count / max) * 160);
    const kind = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    root.append(svg('rect', { x, y: base - h, width: slot - 8, height: h, class: `pd-bar-${kind}` }));
    const label = svg('text', { x: x + (slot - 8) / 2, y: base + 18, 'text-anchor': 'middle', class: 'pd-label' });
    label.textContent = String(score);
    root.append(label);
    const value = svg('text', { x: x + (slot - 8) / 2, y: base - h - 4, 'text-anchor': 'middle', class: 'pd-label' });
    value.textContent = String(count);
    root.append(value);
  });
  byId('pd-distribution').replaceChildren(root);
}

/** @param {{day: string, nps: {score: number, total: number}}[]} series */
function drawTrend(series) {
  const width = 660;
  const height = 220;
  const top = 20;
  const bottom = 180;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const title = svg('title', {});
  title.textContent = series.map((d) => `${d.day}: ${fmt1(d.nps.score)}`).join(', ');
  root.append(title);
  const y = (/** @type {number} */ v) => top + ((100 - v) / 200) * (bottom - top);
  for (const v of [100, 0, -100]) {
    root.append(svg('line', { x1: 40, y1: y(v), x2: width - 10, y2: y(v), class: 'pd-axis' }));
    const label = svg('text', { x: 34, y: y(v) + 4, 'text-anchor': 'end', class: 'pd-label' });
    label.textContent = String(v);
    root.append(label);
  }
  const points = series.filter((d) => d.nps.total > 0);
  const step = points.length > 1 ? (width - 70) / (points.length - 1) : 0;
  const coords = points.map((d, i) => [50 + i * step, y(d.nps.score)]);
  if (coords.length > 1) {
    root.append(svg('polyline', { points: coords.map((c) => c.join(',')).join(' '), class: 'pd-line' }));
  }
  coords.forEach(([cx, cy], i) => {
    root.append(svg('circle', { cx, cy, r: 4, class: 'pd-dot' }));
    if (i === 0 || i === coords.length - 1 || points.length <= 10) {
      const label = svg('text', { x: cx, y: bottom + 24, 'text-anchor': 'middle', class: 'pd-label' });
      label.textContent = points[i].day.slice(5);
      root.append(label);
    }
  });
  byId('pd-trend').replaceChildren(root);
}

/** Fetches the call-back list; returns what draws it. */
async function loadCallbacks() {
  const res = await api(`/v1/responses${query({ callback: '1', followUp: 'open', limit: '100' })}`);
  const { items } = /** @type {{items: Row[]}} */ (await res.json());
  return () => {
    byId('pd-callback').replaceChildren(...items.map(callbackItem));
    byId('pd-callback-empty').hidden = items.length > 0;
  };
}

/** The filter summary line, e.g. "post-purchase, from 2026-11-01: 42 responses". */
function describeFilters(/** @type {number} */ total) {
  const parts = [];
  if (filters.survey) parts.push(filters.survey);
  if (filters.from) parts.push(t().since(filters.from));
  if (filters.to) parts.push(t().until(filters.to));
  return t().matching(total, parts.length ? parts.join(', ') : t().everything);
}

/** Last total shown, so a language switch can redraw the summary. */
let lastTotal = -1;

/** Fetches the figures; returns what draws them. */
async function loadStats() {
  const res = await api(`/v1/stats${query()}`);
  const s = await res.json();
  return () => drawStats(s);
}

/** @param {any} s the `GET /v1/stats` body */
function drawStats(s) {
  lastTotal = typeof s.responses === 'number' ? s.responses : s.nps.total;
  byId('pd-f-summary').textContent = describeFilters(lastTotal);
  byId('pd-nps').textContent = s.nps.total ? fmt1(s.nps.score) : '–';
  byId('pd-nps-detail').textContent = s.nps.total ? t().margin(fmt1(s.nps.margin95), s.nps.total) : t().responses(0);
  byId('pd-csat').textContent = s.csat.responses ? `${fmt1(s.csat.percent)} %` : '–';
  byId('pd-csat-detail').textContent = t().satisfied(s.csat.responses);
  byId('pd-ces').textContent = s.ces.responses ? fmt1(s.ces.mean) : '–';
  byId('pd-ces-detail').textContent = t().effort(s.ces.responses);
  drawDistribution(s.distribution);
  drawTrend(s.series);
}

async function load() {
  byId('pd-login').hidden = true;
  byId('pd-app').hidden = false;
  byId('pd-logout').hidden = false;
  byId('pd-export').hidden = false;
  byId('pd-status').textContent = t().loading;
  const run = ++generation;
  try {
    const [drawList, drawFigures] = await Promise.all([loadCallbacks(), loadStats(), surveysLoaded ? null : loadSurveys()]);
    // A later filter change won; otherwise the list and the figures change together, so they
    // never describe two different filters at once.
    if (run !== generation) return;
    drawList();
    drawFigures();
    byId('pd-status').textContent = '';
  } catch (e) {
    if (/** @type {Error} */ (e).message !== 'unauthorized') byId('pd-status').textContent = t().loadFailed;
  }
}

/** Whether the survey select was filled since signing in. */
let surveysLoaded = false;

/** Fills the survey select from `GET /v1/surveys`, keeping the current choice. */
async function loadSurveys() {
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
function showFilters() {
  const survey = /** @type {HTMLSelectElement} */ (byId('pd-f-survey'));
  const from = /** @type {HTMLInputElement} */ (byId('pd-f-from'));
  const to = /** @type {HTMLInputElement} */ (byId('pd-f-to'));
  if ([...survey.options].some((o) => o.value === filters.survey)) survey.value = filters.survey;
  from.value = filters.from;
  to.value = filters.to;
  from.max = filters.to;
  to.min = filters.from;
}

/** Reads the controls; reloads the lists, scores and charts when the filters are valid. */
function applyFilters() {
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
  if (bad) return;
  if (next.survey === filters.survey && next.from === filters.from && next.to === filters.to) return;
  filters = next;
  showFilters();
  const url = new URL(location.href);
  url.search = query();
  history.replaceState(null, '', url);
  load();
}

async function exportCsv() {
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

function start() {
  applyLanguage();
  showFilters();
  const form = byId('pd-filters');
  form.addEventListener('change', applyFilters);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    applyFilters();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    /** @type {HTMLSelectElement} */ (byId('pd-f-survey')).value = '';
    /** @type {HTMLInputElement} */ (byId('pd-f-from')).value = '';
    /** @type {HTMLInputElement} */ (byId('pd-f-to')).value = '';
    applyFilters();
  });
  byId('pd-login').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('pd-token'));
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    load();
  });
  byId('pd-lang').addEventListener('click', () => {
    lang = lang === 'fr' ? 'en' : 'fr';
    sessionStorage.setItem(LANG_KEY, lang);
    applyLanguage();
    if (lastTotal >= 0) byId('pd-f-summary').textContent = describeFilters(lastTotal);
    if (byId('pd-f-error').textContent) byId('pd-f-error').textContent = t().badRange;
    if (sessionStorage.getItem(TOKEN_KEY)) load();
  });
  byId('pd-logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin();
  });
  byId('pd-export').addEventListener('click', exportCsv);
  if (sessionStorage.getItem(TOKEN_KEY)) {
    load();
  } else {
    showLogin();
  }
}

start();
