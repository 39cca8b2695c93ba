// Pépite dashboard: asks for the admin token once (sessionStorage), then draws the overview, the
// work queue (its tabs with their counts, each case with its actions), the headline scores and
// SVG charts and the webhooks' delivery log from the JSON API, filtered by survey and dates (kept
// in the page's query string); the figures, counts and log follow each change and refresh every
// 30 s. Shopper text only ever goes through textContent, never HTML.

/** @typedef {{priority: string, reasons: string[]} | null} Alert */
/** @typedef {{questionId: string, text: string}} OtherText the text typed for a choice's "other" */
/** @typedef {{responseId: string, nps: number|null, comment: string, otherTexts?: OtherText[],
 *   orderId: string, receivedAt: string, callbackConsent: boolean, alert: Alert, note: string}} Row */
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
    otherAnswer: 'Other answer:',
    order: 'Order',
    entry: (/** @type {string} */ order, /** @type {string} */ date) => (order ? `order ${order}, ${date}` : date),
    consentNo: 'No call-back consent',
    notePlaceholder: 'What was said, what was done…',
    noteTooLong: 'This note is too long: 2000 bytes at most (an accented letter counts as 2, an emoji as 4).',
    loading: 'Loading…',
    loadFailed: 'Could not load the data.',
    responses: (/** @type {number} */ n) => `${n} response${n === 1 ? '' : 's'}`,
    satisfied: (/** @type {number} */ n) => `satisfied, of ${n}`,
    effort: (/** @type {number} */ n) => `mean effort (1–7), of ${n}`,
    margin: (/** @type {string} */ m, /** @type {number} */ n) => `± ${m} (95%), ${n} responses`,
    marginWide: (/** @type {number} */ n) => `margin too wide (95%), ${n} responses`,
    reasons: {
      nps_detractor: 'detractor', csat_low: 'low CSAT', ces_high_effort: 'high effort',
      callback_request: 'asks for a call', legal_threat: 'legal threat',
      cancellation: 'cancellation', refund_demand: 'refund demand', anger: 'anger',
      delivery_delay: 'late or not delivered', damaged_item: 'damaged item',
      wrong_or_missing_item: 'wrong or missing item',
    },
    high: 'urgent',
    hooksTitle: 'Webhook deliveries',
    hooksAt: 'When',
    hooksEvent: 'Event',
    hooksUrl: 'URL',
    hooksResult: 'Result',
    hooksPending: (/** @type {number} */ n) => (n ? `${n} event${n === 1 ? '' : 's'} waiting for delivery (retried with backoff)` : 'Every event delivered.'),
    hooksAttempt: (/** @type {number} */ n) => `attempt ${n}`,
  },
  fr: {
    switchLanguage: 'English',
    export: 'Exporter en CSV',
    logout: 'Se déconnecter',
    tokenLabel: 'Jeton d’administration',
    signIn: 'Ouvrir le tableau de bord',
    badToken: 'Ce jeton a été refusé.',
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
    otherAnswer: 'Autre réponse :',
    order: 'Commande',
    entry: (/** @type {string} */ order, /** @type {string} */ date) => (order ? `commande ${order}, ${date}` : date),
    consentNo: 'Pas d’accord pour un rappel',
    notePlaceholder: 'Ce qui a été dit, ce qui a été fait…',
    noteTooLong:
      'Cette note est trop longue : 2000 octets au plus (une lettre accentuée compte pour 2, un emoji pour 4).',
    loading: 'Chargement…',
    loadFailed: 'Impossible de charger les données.',
    responses: (/** @type {number} */ n) => `${n} réponse${n > 1 ? 's' : ''}`,
    satisfied: (/** @type {number} */ n) => `satisfaits, sur ${n}`,
    effort: (/** @type {number} */ n) => `effort moyen (1–7), sur ${n}`,
    margin: (/** @type {string} */ m, /** @type {number} */ n) => `± ${m} (95 %), ${n} réponses`,
    marginWide: (/** @type {number} */ n) => `marge trop large (95 %), ${n} réponses`,
    reasons: {
      nps_detractor: 'détracteur', csat_low: 'CSAT bas', ces_high_effort: 'effort élevé',
      callback_request: 'demande un rappel', legal_threat: 'menace juridique',
      cancellation: 'annulation', refund_demand: 'demande de remboursement', anger: 'colère',
      delivery_delay: 'retard ou non livré', damaged_item: 'article abîmé',
      wrong_or_missing_item: 'article erroné ou manquant',
    },
    high: 'urgent',
    hooksTitle: 'Envois des webhooks',
    hooksAt: 'Quand',
    hooksEvent: 'Événement',
    hooksUrl: 'URL',
    hooksResult: 'Résultat',
    hooksPending: (/** @type {number} */ n) => (n ? `${n} événement${n > 1 ? 's' : ''} en attente d’envoi (nouvel essai plus tard)` : 'Tous les événements sont envoyés.'),
    hooksAttempt: (/** @type {number} */ n) => `essai ${n}`,
  },
};

/** The overview's and the work queue's strings (issue 16), merged into STRINGS. */
const INBOX_STRINGS = {
  en: {
    filtersShow: 'Filters',
    overviewTitle: 'Overview',
    period: (/** @type {string} */ from, /** @type {string} */ to, /** @type {string} */ prev) =>
      `Period ${from} – ${to}${prev ? `, compared with ${prev}` : ''}`,
    topicsTitle: 'Topics',
    topicsEmpty: 'No topic found in this period.',
    complaintsTitle: 'Complaint handling',
    count: (/** @type {number} */ n) => `${n} answer${n === 1 ? '' : 's'}`,
    previous: (/** @type {string} */ v, /** @type {number} */ n) => `previous period: ${v} (${n})`,
    noPrevious: 'no previous period to compare',
    notEnough: 'not enough answers yet for a trend',
    trend: (/** @type {string} */ d) => `trend ${d}`,
    notMeasured: 'not yet measured',
    split: (/** @type {number} */ p, /** @type {number} */ pa, /** @type {number} */ d) =>
      `${p} promoters · ${pa} passives · ${d} detractors`,
    figNps: 'NPS', figShare: 'Complaint share', figMedian: 'Median time to first contact',
    figP90: '90th percentile time to first contact', figWithin: 'Contacted within the promise',
    figResolved: 'Resolution rate', figBefore: 'NPS before resolution', figAfter: 'NPS after resolution',
    figConfirmed: 'Confirmed solved by the shopper',
    confirmations: (/** @type {number} */ yes, /** @type {number} */ partly, /** @type {number} */ no) => `yes ${yes} · partly ${partly} · no ${no}`,
    solved: { yes: 'solved', partly: 'partly solved', no: 'not solved' },
    shopperSaid: (/** @type {string} */ answer, /** @type {number|null} */ nps, /** @type {string} */ when) =>
      `The shopper, asked “is it solved?” (${when}): ${answer}${nps === null ? '' : `, NPS after ${nps}`}`,
    hours: (/** @type {string} */ h) => `${h} h`,
    topicCount: (/** @type {number} */ n) => `${n} response${n === 1 ? '' : 's'}`,
    trendNotEnough: 'Not enough answers yet for a trend.',
    inboxTitle: 'Work queue',
    tabCallback: 'To call back', tabRead: 'To read', tabHistory: 'Contacted / Resolved',
    tabCount: (/** @type {string} */ n, /** @type {number} */ overdue) => (overdue ? `(${n}, ${overdue} overdue)` : `(${n})`),
    movedTo: (/** @type {string} */ tab) => `Now in “${tab}”: it leaves this list when it is loaded again.`,
    searchLabel: 'Search the comment, order, assignee, notes',
    searchButton: 'Search',
    queueMore: 'Show more',
    queueEmpty: { callback: 'Nobody to call back.', read: 'Nothing to read.', history: 'No case handled yet.' },
    tiers: { high: 'high urgency', medium: 'medium urgency', normal: 'normal urgency', low: 'low urgency' },
    statuses: { open: 'open', contacted: 'contacted', resolved: 'resolved' },
    dueIn: (/** @type {string} */ d) => `due in ${d}`,
    overdueBy: (/** @type {string} */ d) => `overdue by ${d}`,
    contactPhone: 'Phone', contactEmail: 'E-mail',
    noContact: 'No contact given',
    locale: 'Locale',
    assignedTo: (/** @type {string} */ who) => `Assigned to ${who}`,
    unassigned: 'Nobody assigned',
    nobody: 'Nobody',
    assignLabel: (/** @type {string} */ entry) => `Assignee, ${entry}`,
    assign: 'Assign',
    assignFor: (/** @type {string} */ entry) => `Assign, ${entry}`,
    toContacted: 'Contacted', toResolved: 'Resolved', toOpen: 'Reopen',
    actionFor: (/** @type {string} */ what, /** @type {string} */ entry) => `${what}, ${entry}`,
    addNote: 'Add note',
    addNoteLabel: (/** @type {string} */ entry) => `New note on ${entry}`,
    undo: 'Undo last change',
    undoFor: (/** @type {string} */ entry) => `Undo last change, ${entry}`,
    sameOrder: (/** @type {number} */ n) => `Other responses for this order (${n})`,
    notesTitle: 'Notes',
    noteBy: (/** @type {string} */ who, /** @type {string} */ when) => `${who}, ${when}`,
    saved: (/** @type {number} */ event) => `Saved (change #${event}). You can undo it.`,
    undone: 'Change undone.',
    conflict: 'This case was changed by someone else meanwhile: reload the list to see it.',
    badTransition: 'This change is not possible from the case’s current status: reload the list.',
    nothingToUndo: 'There is nothing left to undo on this case.',
    changeFailed: (/** @type {string} */ why) => `Could not save the change (${why}).`,
  },
  fr: {
    filtersShow: 'Filtres',
    overviewTitle: 'Vue d’ensemble',
    period: (/** @type {string} */ from, /** @type {string} */ to, /** @type {string} */ prev) =>
      `Période du ${from} au ${to}${prev ? `, comparée à ${prev}` : ''}`,
    topicsTitle: 'Sujets',
    topicsEmpty: 'Aucun sujet trouvé sur cette période.',
    complaintsTitle: 'Traitement des réclamations',
    count: (/** @type {number} */ n) => `${n} réponse${n > 1 ? 's' : ''}`,
    previous: (/** @type {string} */ v, /** @type {number} */ n) => `période précédente : ${v} (${n})`,
    noPrevious: 'pas de période précédente à comparer',
    notEnough: 'pas encore assez de réponses pour une tendance',
    trend: (/** @type {string} */ d) => `tendance ${d}`,
    notMeasured: 'pas encore mesuré',
    split: (/** @type {number} */ p, /** @type {number} */ pa, /** @type {number} */ d) =>
      `${p} promoteurs · ${pa} passifs · ${d} détracteurs`,
    figNps: 'NPS', figShare: 'Part de réclamations', figMedian: 'Délai médian du premier contact',
    figP90: 'Délai du premier contact (90e centile)', figWithin: 'Contactés dans le délai promis',
    figResolved: 'Taux de résolution', figBefore: 'NPS avant résolution', figAfter: 'NPS après résolution',
    figConfirmed: 'Résolution confirmée par le client',
    confirmations: (/** @type {number} */ yes, /** @type {number} */ partly, /** @type {number} */ no) => `oui ${yes} · en partie ${partly} · non ${no}`,
    solved: { yes: 'résolu', partly: 'résolu en partie', no: 'non résolu' },
    shopperSaid: (/** @type {string} */ answer, /** @type {number|null} */ nps, /** @type {string} */ when) =>
      `Le client, à « est-ce résolu ? » (${when}) : ${answer}${nps === null ? '' : `, NPS après ${nps}`}`,
    hours: (/** @type {string} */ h) => `${h} h`,
    topicCount: (/** @type {number} */ n) => `${n} réponse${n > 1 ? 's' : ''}`,
    trendNotEnough: 'Pas encore assez de réponses pour une tendance.',
    inboxTitle: 'File de travail',
    tabCallback: 'À rappeler', tabRead: 'À lire', tabHistory: 'Contactés / Résolus',
    tabCount: (/** @type {string} */ n, /** @type {number} */ overdue) => (overdue ? `(${n}, dont ${overdue} en retard)` : `(${n})`),
    movedTo: (/** @type {string} */ tab) => `Désormais dans « ${tab} » : il quitte cette liste au prochain chargement.`,
    searchLabel: 'Chercher dans le commentaire, la commande, l’assigné·e, les notes',
    searchButton: 'Chercher',
    queueMore: 'Afficher plus',
    queueEmpty: { callback: 'Personne à rappeler.', read: 'Rien à lire.', history: 'Aucun cas traité pour l’instant.' },
    tiers: { high: 'urgence haute', medium: 'urgence moyenne', normal: 'urgence normale', low: 'urgence basse' },
    statuses: { open: 'ouvert', contacted: 'contacté', resolved: 'résolu' },
    dueIn: (/** @type {string} */ d) => `échéance dans ${d}`,
    overdueBy: (/** @type {string} */ d) => `en retard de ${d}`,
    contactPhone: 'Téléphone', contactEmail: 'E-mail',
    noContact: 'Aucun contact donné',
    locale: 'Langue',
    assignedTo: (/** @type {string} */ who) => `Assigné à ${who}`,
    unassigned: 'Personne n’est assigné',
    nobody: 'Personne',
    assignLabel: (/** @type {string} */ entry) => `Assigné·e, ${entry}`,
    assign: 'Assigner',
    assignFor: (/** @type {string} */ entry) => `Assigner, ${entry}`,
    toContacted: 'Contacté', toResolved: 'Résolu', toOpen: 'Rouvrir',
    actionFor: (/** @type {string} */ what, /** @type {string} */ entry) => `${what}, ${entry}`,
    addNote: 'Ajouter la note',
    addNoteLabel: (/** @type {string} */ entry) => `Nouvelle note sur ${entry}`,
    undo: 'Annuler la dernière modification',
    undoFor: (/** @type {string} */ entry) => `Annuler la dernière modification, ${entry}`,
    sameOrder: (/** @type {number} */ n) => `Autres réponses pour cette commande (${n})`,
    notesTitle: 'Notes',
    noteBy: (/** @type {string} */ who, /** @type {string} */ when) => `${who}, ${when}`,
    saved: (/** @type {number} */ event) => `Enregistré (modification n° ${event}). Vous pouvez l’annuler.`,
    undone: 'Modification annulée.',
    conflict: 'Ce cas a été modifié par quelqu’un d’autre entre-temps : rechargez la liste pour le voir.',
    badTransition: 'Cette modification n’est pas possible depuis le statut actuel du cas : rechargez la liste.',
    nothingToUndo: 'Il n’y a plus rien à annuler sur ce cas.',
    changeFailed: (/** @type {string} */ why) => `Impossible d’enregistrer la modification (${why}).`,
  },
};
Object.assign(STRINGS.en, INBOX_STRINGS.en);
Object.assign(STRINGS.fr, INBOX_STRINGS.fr);

/** @type {'en' | 'fr'} */
let lang = sessionStorage.getItem(LANG_KEY) === 'fr' ? 'fr' : sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' :
  (document.documentElement.lang === 'fr' ? 'fr' : 'en');

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @returns {typeof STRINGS.en & typeof INBOX_STRINGS.en} */
const t = () => /** @type {any} */ (STRINGS[lang]);

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

/** An API answer other than 2xx, with its status (409: the follow-up already moved on). */
class HttpError extends Error {
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
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    const first = body?.errors?.[0] || {};
    throw new HttpError(res.status, first.code, first.message);
  }
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

/** The API's limit on a note, in UTF-8 bytes: 1001 × "é" is 1001 characters but 2002 bytes. */
const NOTE_MAX_BYTES = 2000;

const utf8 = new TextEncoder();

/**
 * Shows or clears the note's size error; true when the note fits the API's limit.
 * @param {HTMLInputElement} note
 * @param {HTMLElement} error
 */
function checkNote(note, error) {
  const fits = utf8.encode(note.value).length <= NOTE_MAX_BYTES;
  const message = fits ? '' : t().noteTooLong;
  // Only on a change: the error is an alert, announced each time its text is set.
  if (error.textContent !== message) error.textContent = message;
  note.setAttribute('aria-invalid', String(!fits));
  return fits;
}

/**
 * The shopper's words: the comment, then what they typed for an "other" option of a choice
 * question (a detractor's "Other: the parcel was opened" is often the whole complaint).
 * @param {Row} row
 */
function shopperTexts(row) {
  const texts = el('div', 'pd-texts');
  const comment = el('p', row.comment ? 'pd-comment' : 'pd-comment pd-none',
    row.comment || t().noComment);
  if (row.comment) comment.dir = 'auto';
  texts.append(comment);
  for (const other of row.otherTexts || []) {
    const line = el('p', 'pd-other');
    const text = el('span', 'pd-other-text', other.text);
    text.dir = 'auto';
    line.append(el('span', 'pd-other-label', t().otherAnswer), ' ', text);
    texts.append(line);
  }
  return texts;
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

/**
 * The charts' width in CSS pixels. The SVGs are drawn at that width (one unit a pixel) rather
 * than scaled from a fixed viewBox, which shrank 12 px labels to 5 px on a phone.
 */
function chartWidth() {
  return Math.max(240, Math.round(byId('pd-distribution').clientWidth) || 660);
}

/**
 * @param {number[]} counts NPS answers per score 0..10
 * @param {number} width
 */
function drawDistribution(counts, width) {
  const height = 220;
  const base = 190;
  const max = Math.max(1, ...counts);
  const slot = (width - 40) / 11;
  // Narrow bars (a phone) take short counts: "1.2K" fits where "1234" would run into the next.
  const count = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB',
    slot < 40 ? { notation: 'compact', maximumFractionDigits: 1 } : {});
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const title = svg('title', {});
  title.textContent = counts.map((c, i) => `${i}: ${c}`).join(', ');
  root.append(title);
  root.append(svg('line', { x1: 20, y1: base, x2: width - 10, y2: base, class: 'pd-axis' }));
  counts.forEach((n, score) => {
    const x = 24 + score * slot;
    const h = Math.round((n / max) * 160);
    const kind = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    root.append(svg('rect', { x, y: base - h, width: slot - 8, height: h, class: `pd-bar-${kind}` }));
    const label = svg('text', { x: x + (slot - 8) / 2, y: base + 18, 'text-anchor': 'middle', class: 'pd-label' });
    label.textContent = String(score);
    root.append(label);
    const value = svg('text', { x: x + (slot - 8) / 2, y: base - h - 4, 'text-anchor': 'middle', class: 'pd-label' });
    value.textContent = count.format(n);
    root.append(value);
  });
  byId('pd-distribution').replaceChildren(root);
}

/**
 * @param {{day: string, nps: {score: number, total: number}}[]} series
 * @param {number} width
 */
function drawTrend(series, width) {
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
  // A day label ("11-25", ~35 px) every `every` points, so that labels never overlap; the last
  // day always has one.
  const every = step ? Math.ceil(48 / step) : 1;
  const last = coords.length - 1;
  coords.forEach(([cx, cy], i) => {
    root.append(svg('circle', { cx, cy, r: 4, class: 'pd-dot' }));
    if (i === last || (i % every === 0 && last - i >= every)) {
      const label = svg('text', { x: cx, y: bottom + 24, 'text-anchor': 'middle', class: 'pd-label' });
      label.textContent = points[i].day.slice(5);
      root.append(label);
    }
  });
  byId('pd-trend').replaceChildren(root);
}

/** The figures last drawn and the width of their charts, to draw them again at a new width. */
let drawn = { stats: /** @type {any} */ (null), width: 0 };

/** @param {any} s the `GET /v1/stats` body */
function drawCharts(s) {
  drawn = { stats: s, width: chartWidth() };
  drawDistribution(s.distribution, drawn.width);
  drawTrend(s.series, drawn.width);
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
  // The trend's days are the manager's, as the day filters are (not UTC's).
  const res = await api(`/v1/stats${query({ tzOffset: String(-new Date().getTimezoneOffset()) })}`);
  const s = await res.json();
  return () => drawStats(s);
}

/** @param {any} s the `GET /v1/stats` body */
function drawStats(s) {
  lastTotal = typeof s.responses === 'number' ? s.responses : s.nps.total;
  byId('pd-f-summary').textContent = describeFilters(lastTotal);
  byId('pd-nps').textContent = s.nps.total ? fmt1(s.nps.score) : '–';
  byId('pd-nps-detail').textContent = npsDetail(s.nps);
  byId('pd-csat').textContent = s.csat.responses ? `${fmt1(s.csat.percent)} %` : '–';
  byId('pd-csat-detail').textContent = t().satisfied(s.csat.responses);
  byId('pd-ces').textContent = s.ces.responses ? fmt1(s.ces.mean) : '–';
  byId('pd-ces-detail').textContent = t().effort(s.ces.responses);
  drawCharts(s);
  drawOverview(s);
}

/**
 * Under the NPS: its 95 % margin and the number of answers. One answer has no margin (the
 * formula gives ± 0), and a margin over 100 on a -100..100 scale says only that it is too wide.
 * @param {{total: number, margin95: number}} nps
 */
function npsDetail(nps) {
  if (nps.total < 2 || typeof nps.margin95 !== 'number') return t().responses(nps.total);
  if (nps.margin95 > 100) return t().marginWide(nps.total);
  return t().margin(fmt1(nps.margin95), nps.total);
}

/**
 * Loads and draws the figures, the queue shown with its tabs' counts, and the delivery log.
 * @param {string} [message] the status once loaded (why the list was loaded again)
 */
async function load(message = '') {
  byId('pd-login').hidden = true;
  byId('pd-app').hidden = false;
  byId('pd-logout').hidden = false;
  byId('pd-export').hidden = false;
  byId('pd-status').textContent = t().loading;
  const run = ++generation;
  try {
    const [drawFigures, drawHooks, , drawCases, drawCounts] = await Promise.all([loadStats(),
      loadDeliveries(), surveysLoaded ? null : loadSurveys(), loadQueue(), loadCounts()]);
    // A later filter change won; otherwise the queue and the figures change together, so they
    // never describe two different filters at once.
    if (run !== generation) return;
    drawFigures();
    /** @type {() => void} */ (drawHooks)();
    drawCases();
    drawCounts();
    byId('pd-status').textContent = message;
  } catch (e) {
    if (/** @type {Error} */ (e).message !== 'unauthorized') byId('pd-status').textContent = t().loadFailed;
  }
}

/** How many cases each tab holds (`GET /v1/cases/counts`); returns what draws them. */
async function loadCounts() {
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

/**
 * The figures, the tabs' counts and the delivery log again, without touching the queue (the
 * manager may be typing in it): after a case change, every 30 s and when the window comes back.
 * A failure is silent: the next refresh tries again.
 */
async function refreshLive() {
  if (byId('pd-app').hidden || !sessionStorage.getItem(TOKEN_KEY)) return;
  const run = generation;
  try {
    const [drawFigures, drawCounts, drawHooks] = await Promise.all([loadStats(), loadCounts(), loadDeliveries()]);
    if (run !== generation) return;
    drawFigures();
    drawCounts();
    drawHooks();
  } catch {
    // said by the next load; a refresh in the background shows no error
  }
}

/** The due countdowns again, from the clock: "due in 5 min" becomes "overdue by 1 min". */
function tickCountdowns() {
  for (const badge of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#pd-queue [data-due-at]'))) {
    const dueAt = badge.dataset.dueAt || '';
    const overdue = Date.parse(dueAt) < Date.now();
    badge.textContent = countdown({ status: 'open', dueAt, overdue, assignee: null, lastEvent: null, notes: [] });
    badge.className = overdue ? 'pd-badge pd-overdue' : 'pd-badge pd-due';
  }
}

/**
 * The webhooks' delivery log (`GET /v1/webhooks/deliveries`), shown when webhooks are set up.
 * Never fails the page: the log is a side panel.
 */
async function loadDeliveries() {
  try {
    const log = await (await api('/v1/webhooks/deliveries?limit=20')).json();
    return () => drawDeliveries(log);
  } catch {
    return () => {};
  }
}

/** @param {{webhooks: string[], pending: number, items: any[]}} log */
function drawDeliveries(log) {
  byId('pd-hooks-panel').hidden = !log.webhooks.length && !log.items.length;
  byId('pd-hooks-summary').textContent = t().hooksPending(log.pending);
  const rows = log.items.map((/** @type {any} */ d) => {
    const tr = el('tr', d.ok ? '' : 'pd-hook-failed');
    tr.append(el('td', '', formatDate(d.at)), el('td', '', `${d.type} · ${t().hooksAttempt(d.attempt)}`),
      el('td', 'pd-hook-url', d.url),
      el('td', '', `${d.status ? `HTTP ${d.status}` : d.error} · ${d.durationMs} ms`));
    return tr;
  });
  byId('pd-hooks').replaceChildren(...rows);
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
  url.search = filterParams(false).toString();
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

// ---------------------------------------------------------------------------------------------
// The overview (issue 16): the period's NPS with its margin and split, the complaint figures and
// the topics, each with its count and the previous period beside it.

/** @typedef {{value: number|null, count: number, previous: {value: number|null, count: number}|null,
 *   trend: number|null, enough: boolean}} Figure */

/** @param {string} id a topic or reason id */
function topicLabel(id) {
  const labels = /** @type {Record<string, string>} */ (t().reasons);
  return labels[id] || id.replaceAll('_', ' ');
}

/** A signed difference: "+3.5", "−2", "0". @param {number} d */
const signed = (d) => (d > 0 ? `+${fmt1(d)}` : d < 0 ? `−${fmt1(-d)}` : fmt1(0));

/**
 * One figure's card: its value, what it rests on, the previous period beside it and the trend
 * (or why there is none).
 * @param {string} label
 * @param {Figure} f
 * @param {(v: number) => string} show
 * @param {boolean} hasPrevious whether the filter has a previous period at all
 * @param {string} [extra] a line under the value (the NPS's margin and split)
 * @param {boolean} [slot] a figure nothing measures yet (NPS before / after resolution): its empty
 *   value reads "not yet measured" rather than "–"
 */
function figureCard(label, f, show, hasPrevious, extra = '', slot = false) {
  const card = el('div', 'pd-figure');
  card.append(el('span', 'pd-kpi-label', label));
  const value = f.value ?? null;
  card.append(el('span', 'pd-figure-value', value === null ? (slot && !f.count ? t().notMeasured : '–') : show(value)));
  if (extra) card.append(el('span', 'pd-kpi-detail', extra));
  card.append(el('span', 'pd-kpi-detail pd-figure-count', t().count(f.count)));
  const prev = f.previous;
  if (!hasPrevious || !prev) {
    card.append(el('span', 'pd-kpi-detail', t().noPrevious));
  } else {
    card.append(el('span', 'pd-kpi-detail pd-figure-previous',
      t().previous(prev.value === null ? '–' : show(prev.value), prev.count)));
    card.append(el('span', 'pd-kpi-detail pd-figure-trend',
      f.trend === null ? t().notEnough : t().trend(signed(f.trend))));
  }
  return card;
}

const percent = (/** @type {number} */ v) => `${fmt1(v * 100)} %`;
const hoursOf = (/** @type {number} */ v) => t().hours(fmt1(v));

/** @param {any} s the `GET /v1/stats` body */
function drawOverview(s) {
  const hasPrevious = Boolean(s.previousPeriod);
  const p = s.period || {};
  const prev = s.previousPeriod ? `${s.previousPeriod.from} – ${s.previousPeriod.to}` : '';
  byId('pd-period').textContent = t().period(p.from || '…', p.to || '…', prev);
  const n = s.periodNps;
  const margin = n.count >= 2 && typeof n.margin95 === 'number' && n.margin95 <= 100
    ? `± ${fmt1(n.margin95)} · ` : '';
  byId('pd-ov-figures').replaceChildren(figureCard(t().figNps, n, fmt1, hasPrevious,
    `${margin}${t().split(n.promoters, n.passives, n.detractors)}`));
  const c = s.complaints;
  byId('pd-ov-complaints').replaceChildren(
    figureCard(t().figShare, c.complaintShare, percent, hasPrevious),
    figureCard(t().figMedian, c.medianHoursToContact, hoursOf, hasPrevious),
    figureCard(t().figP90, c.p90HoursToContact, hoursOf, hasPrevious),
    figureCard(t().figWithin, c.withinPromiseShare, percent, hasPrevious),
    figureCard(t().figResolved, c.resolutionRate, percent, hasPrevious),
    figureCard(t().figBefore, c.npsBeforeResolution, fmt1, hasPrevious, '', true),
    figureCard(t().figAfter, c.npsAfterResolution, fmt1, hasPrevious, '', true),
    // Issue 17: "is it solved?" asked after the resolution.
    ...(c.resolutionConfirmed ? [figureCard(t().figConfirmed, c.resolutionConfirmed, percent, hasPrevious,
      t().confirmations(c.resolutionConfirmed.yes, c.resolutionConfirmed.partly, c.resolutionConfirmed.no), true)] : []));
  const topics = /** @type {{id: string, count: number, previous: number|null, trend: number|null}[]} */ (s.topics || []);
  byId('pd-ov-topics-empty').hidden = topics.length > 0;
  byId('pd-ov-topics').replaceChildren(...topics.map((tp) => {
    const li = el('li', 'pd-topic');
    li.append(el('span', 'pd-topic-name', topicLabel(tp.id)), ' ', el('span', 'pd-kpi-detail', t().topicCount(tp.count)));
    if (tp.previous !== null) {
      li.append(' · ', el('span', 'pd-kpi-detail', t().previous(String(tp.previous), tp.previous)));
      li.append(' · ', el('span', 'pd-kpi-detail', tp.trend === null || tp.count + tp.previous < s.trendMinCount
        ? t().notEnough : t().trend(signed(tp.trend))));
    }
    return li;
  }));
  // The NPS-by-day chart says so when the period rests on too few answers for a trend.
  byId('pd-trend-note').textContent = n.enough ? '' : t().trendNotEnough;
  // CSAT and CES only when the survey asks them (some answer carries them).
  byId('pd-kpi-csat').hidden = !s.csat.responses;
  byId('pd-kpi-ces').hidden = !s.ces.responses;
}

// ---------------------------------------------------------------------------------------------
// The work queue (issue 16): `GET /v1/cases?queue=…`, each case with everything the shopper said,
// its due countdown and its actions, changed in place.

/** @typedef {{questionId: string, question: string, type: string, value: any, labels?: string[],
 *   otherText?: string}} Answer */
/** @typedef {{status: string, assignee: string|null, dueAt: string, overdue: boolean,
 *   lastEvent: number|null, notes: {id: number, at: string, author: string, text: string}[],
 *   resolution?: {answer: string|null, comment: string|null, npsAfter: number|null, answeredAt: string}|null}} Case */
/** @typedef {Row & {surveyId: string, locale: string, followUp: string, answers: Answer[], topics: string[],
 *   contact: {channel: string, value: string}|null, case: Case, sameOrder: any[]}} CaseRow */

/** The queue shown, its search and the offset of the next page (null: every row drawn). */
const queue = { name: 'callback', q: '', next: /** @type {number|null} */ (null) };
/** Who a case may be assigned to (`GET /v1/users`). */
let users = /** @type {string[]} */ ([]);
const QUEUE_PAGE = 50;

/** @param {number} offset */
const queuePath = (offset) => `/v1/cases${query({ queue: queue.name, limit: String(QUEUE_PAGE),
  offset: String(offset), lang, ...(queue.name === 'history' && queue.q ? { q: queue.q } : {}) })}`;

/** "5 h", "40 min", "3 days": a duration in milliseconds, rounded. @param {number} ms */
function duration(ms) {
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(hours / 24);
  return lang === 'fr' ? `${days} jours` : `${days} days`;
}

/** "due in 5 h" / "overdue by 2 h", for an open case. @param {Case} kase */
function countdown(kase) {
  const due = Date.parse(kase.dueAt);
  if (kase.status !== 'open' || Number.isNaN(due)) return '';
  const left = due - Date.now();
  return left >= 0 && !kase.overdue ? t().dueIn(duration(left)) : t().overdueBy(duration(Math.abs(left)));
}

/** The shopper's answers by question label, choices by option label, "other" text with them. @param {CaseRow} row */
function answerList(row) {
  const list = el('dl', 'pd-answers');
  for (const a of row.answers || []) {
    // The score is the card's big figure; the comment is shown redacted, never the raw text.
    if (a.type === 'nps' || a.type === 'text') continue;
    const value = el('dd', 'pd-answer');
    value.dir = 'auto';
    value.textContent = a.labels ? a.labels.join(', ') : Array.isArray(a.value) ? a.value.join(', ') : String(a.value ?? '–');
    if (a.otherText) {
      const other = el('span', 'pd-other-text', a.otherText);
      other.dir = 'auto';
      value.append(' — ', other);
    }
    list.append(el('dt', '', a.question || a.questionId), value);
  }
  return list;
}

/** "Label: " in English, "Label : " in French. @param {string} label */
const colon = (label) => `${label}${lang === 'fr' ? ' : ' : ': '}`;

/** The consented contact as a link (tel: or mailto:). @param {CaseRow} row */
function contactLine(row) {
  const line = el('p', 'pd-meta pd-contact');
  const c = row.contact;
  if (!c || !c.value) {
    line.append(row.callbackConsent ? t().noContact : t().consentNo);
    return line;
  }
  const phone = c.channel === 'phone';
  const link = /** @type {HTMLAnchorElement} */ (el('a', 'pd-contact-link', c.value));
  link.href = phone ? `tel:${c.value.replace(/[^\d+]/g, '')}` : `mailto:${c.value}`;
  link.dir = 'ltr';
  line.append(colon(phone ? t().contactPhone : t().contactEmail), link);
  return line;
}

/**
 * One case of the queue.
 * @param {CaseRow} row
 */
function caseItem(row) {
  const kase = row.case;
  const item = el('li', `pd-item pd-case pd-status-${kase.status}`);
  item.dataset.caseId = row.responseId;
  item.tabIndex = -1;
  item.append(el('div', 'pd-score', row.nps === null ? '–' : String(row.nps)));

  const head = el('p', 'pd-meta pd-case-head');
  const tiers = /** @type {Record<string, string>} */ (t().tiers);
  if (row.alert) head.append(el('span', `pd-badge pd-tier-${row.alert.priority}`, tiers[row.alert.priority] || row.alert.priority));
  for (const reason of row.alert?.reasons || []) head.append(el('span', 'pd-badge', topicLabel(reason)));
  const statuses = /** @type {Record<string, string>} */ (t().statuses);
  head.append(el('span', 'pd-badge pd-case-status', statuses[kase.status] || kase.status));
  const due = countdown(kase);
  if (due) {
    const badge = el('span', kase.overdue ? 'pd-badge pd-overdue' : 'pd-badge pd-due', due);
    badge.dataset.dueAt = kase.dueAt;
    head.append(badge);
  }
  item.append(head);
  item.append(contactLine(row));
  item.append(shopperTexts({ ...row, otherTexts: [] }));
  item.append(answerList(row));
  if (row.topics?.length) {
    const topics = el('p', 'pd-meta pd-case-topics');
    for (const id of row.topics) topics.append(el('span', 'pd-badge pd-topic-badge', topicLabel(id)));
    item.append(topics);
  }
  const date = formatDate(row.receivedAt);
  const meta = el('p', 'pd-meta');
  meta.append(`${t().order} `, el('bdi', '', row.orderId || '–'), ` · ${t().locale} ${row.locale || '–'} · ${date} · `,
    kase.assignee ? t().assignedTo(kase.assignee) : t().unassigned);
  item.append(meta);
  // Issue 17: what the shopper answered to "is it solved?" after the resolution.
  if (kase.resolution) {
    const r = kase.resolution;
    const solved = /** @type {Record<string, string>} */ (t().solved);
    const said = el('p', 'pd-meta pd-resolution', t().shopperSaid(solved[r.answer] || '–', r.npsAfter, formatDate(r.answeredAt)));
    if (r.comment) {
      const text = el('span', 'pd-comment', r.comment);
      text.dir = 'auto';
      said.append(' ', text);
    }
    item.append(said);
  }

  if (kase.notes?.length) {
    const notes = el('ul', 'pd-notes');
    notes.setAttribute('aria-label', t().notesTitle);
    for (const n of kase.notes) {
      const li = el('li', 'pd-note-line');
      const text = el('span', '', n.text);
      text.dir = 'auto';
      li.append(el('span', 'pd-kpi-detail', colon(t().noteBy(n.author, formatDate(n.at)))), text);
      notes.append(li);
    }
    item.append(notes);
  }
  if (row.sameOrder?.length) {
    const group = el('details', 'pd-same-order');
    group.append(el('summary', '', t().sameOrder(row.sameOrder.length)));
    const list = el('ul', '');
    for (const o of row.sameOrder) {
      const text = el('span', '', o.comment || t().noComment);
      text.dir = 'auto';
      const li = el('li', '');
      li.append(`${o.nps ?? '–'} · ${formatDate(o.receivedAt)} · ${statuses[o.followUp] || o.followUp} · `, text);
      list.append(li);
    }
    group.append(list);
    item.append(group);
  }
  item.append(caseActions(row));
  return item;
}

/**
 * A case's controls: assign, the status moves its status allows, a note, undo. Their names say
 * whose case they are.
 * @param {CaseRow} row
 */
function caseActions(row) {
  const kase = row.case;
  const entry = t().entry(row.orderId, formatDate(row.receivedAt));
  const box = el('div', 'pd-actions pd-case-actions');
  const error = el('p', 'pd-error pd-case-error');
  error.setAttribute('role', 'alert');
  const run = (/** @type {string} */ what, /** @type {any} */ body) => caseChange(row, [[what, body]], error);

  const selectId = `pd-assign-${row.responseId}`;
  const label = el('label', 'pd-visually-hidden', t().assignLabel(entry));
  label.setAttribute('for', selectId);
  const select = /** @type {HTMLSelectElement} */ (el('select', 'pd-assign'));
  select.id = selectId;
  const none = /** @type {HTMLOptionElement} */ (el('option', '', t().nobody));
  none.value = '';
  select.append(none, ...users.map((u) => Object.assign(/** @type {HTMLOptionElement} */ (el('option', '', u)), { value: u })));
  select.value = kase.assignee || '';
  const assign = button(t().assign, t().assignFor(entry), 'pd-assign-button',
    () => run('assign', { assignee: select.value || null }));
  box.append(label, select, assign);

  /** @type {[string, string, string][]} */
  const moves = kase.status === 'open' ? [['contacted', t().toContacted, 'pd-to-contacted'], ['resolved', t().toResolved, 'pd-to-resolved']]
    : kase.status === 'contacted' ? [['resolved', t().toResolved, 'pd-to-resolved'], ['open', t().toOpen, 'pd-to-open']]
      : [['open', t().toOpen, 'pd-to-open']];
  const note = /** @type {HTMLInputElement} */ (el('input', 'pd-note pd-case-note'));
  // A note typed before a move goes with it (saved first): "Contacted" with what was said.
  for (const [to, text, cls] of moves) {
    box.append(button(text, t().actionFor(text, entry), cls, () => {
      if (!note.value.trim()) return run('status', { status: to });
      if (!checkNote(note, error)) return note.focus();
      return caseChange(row, [['notes', { text: note.value }], ['status', { status: to }]], error);
    }));
  }
  if (kase.lastEvent) {
    box.append(button(t().undo, t().undoFor(entry), 'pd-undo pd-quiet', () => run('undo', { eventId: kase.lastEvent })));
  }
  const noteId = `pd-case-note-${row.responseId}`;
  const noteLabel = el('label', 'pd-visually-hidden', t().addNoteLabel(entry));
  noteLabel.setAttribute('for', noteId);
  note.id = noteId;
  note.maxLength = NOTE_MAX_BYTES;
  note.type = 'text';
  note.dir = 'auto';
  note.placeholder = t().notePlaceholder;
  note.setAttribute('aria-describedby', `${noteId}-error`);
  error.id = `${noteId}-error`;
  note.addEventListener('input', () => checkNote(note, error));
  const add = button(t().addNote, t().actionFor(t().addNote, entry), 'pd-add-note pd-quiet', () => {
    if (!note.value.trim()) return note.focus();
    if (!checkNote(note, error)) return note.focus();
    return run('notes', { text: note.value });
  });
  note.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') add.click();
  });
  box.append(noteLabel, note, add, error);
  return box;
}

/**
 * @param {string} text
 * @param {string} name the accessible name (visible text first)
 * @param {string} cls
 * @param {() => void} onClick
 */
function button(text, name, cls, onClick) {
  const b = /** @type {HTMLButtonElement} */ (el('button', `pd-button ${cls}`, text));
  b.type = 'button';
  b.setAttribute('aria-label', name);
  b.addEventListener('click', onClick);
  return b;
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
      const next = caseItem(updated);
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
  if (changed) refreshLive();
}

/** Bumped on every queue load: a slow answer for a tab or search left since draws nothing. */
let queueRun = 0;

/** Fetches the first page of the queue shown; returns what draws it. */
async function loadQueue() {
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
  byId('pd-queue').append(...items.map(caseItem));
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
function startInbox() {
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

function start() {
  startInbox();
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
  // Live figures: the counts, the overview and the delivery log every 30 s and when the window
  // comes back; the countdowns every 15 s.
  setInterval(refreshLive, 30000);
  setInterval(tickCountdowns, 15000);
  window.addEventListener('focus', refreshLive);
  // A phone turned sideways, a resized window: the charts are drawn again at their new width.
  new ResizeObserver(() => {
    if (drawn.stats && chartWidth() !== drawn.width) drawCharts(drawn.stats);
  }).observe(byId('pd-distribution'));
  if (sessionStorage.getItem(TOKEN_KEY)) {
    load();
  } else {
    showLogin();
  }
}

start();
