// Reads the widget configuration: data-* attributes of the script tag, inline JSON, init options.

import { DEFAULT_POSITION, FETCH_TIMEOUT_MS, POSITIONS, SCHEMES } from './constants.js';
import { toJson } from './json.js';
import { getTwice } from './try-twice.js';

/**
 * @typedef {object} Theme
 * @property {string} [accent] CSS colour
 * @property {string} [accentText] CSS colour of text on the accent
 * @property {string} [radius] CSS length
 * @property {string} [font] CSS font-family
 * @property {'auto' | 'light' | 'dark'} [scheme]
 */

/**
 * Options after normalisation (unknown keys are dropped, bad values replaced by defaults).
 * @typedef {object} Options
 * @property {object | string} survey definition object, JSON text, URL or '#id'
 * @property {any} [endpoint]
 * @property {Record<string, string>} [headers]
 * @property {Function} [beforeSend]
 * @property {string} locale
 * @property {Record<string, string | number | boolean>} properties
 * @property {string} [token] the shop's signed order token (issue 17), put in every payload
 * @property {string} position
 * @property {Element | string | null} target for `inline`
 * @property {string} [keepClear] CSS selectors of what a floating card must not cover, besides `h1`
 * @property {Theme} theme
 * @property {number} delayMs
 * @property {number} sampling
 * @property {number} recontactDays
 * @property {boolean} autoShow
 * @property {string} [wasmUrl]
 * @property {string} [textWasmUrl]
 * @property {object} [delivery]
 * @property {Record<string, Function>} [on]
 */

/**
 * Parses JSON without throwing.
 * @param {string | null | undefined} text
 * @returns {{ ok: boolean, value?: any }}
 */
export function parseJson(text) {
  if (typeof text !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (_) {
    return { ok: false };
  }
}

/**
 * Reads `data-*` attributes of the script tag once. Returns raw init options (normalise them with
 * `normalizeOptions`) and the problems found.
 * @param {Element | null} script
 * @returns {{ options: Record<string, any>, problems: string[] }}
 */
export function readScriptConfig(script) {
  /** @type {Record<string, any>} */
  const o = {};
  /** @type {string[]} */
  const problems = [];
  if (!script || typeof script.getAttribute !== 'function') return { options: o, problems };
  const attr = (/** @type {string} */ name) => script.getAttribute('data-' + name);
  const config = attr('config');
  if (config) {
    const inline = readInlineJson(config);
    if (inline.ok && inline.value && typeof inline.value === 'object') Object.assign(o, inline.value);
    else problems.push(`data-config ${config} is not an inline JSON object`);
  }
  // Attributes named as their option, then the others.
  const simple = ['survey', 'endpoint', 'locale', 'position', 'target', 'token'].map((k) => [k, k])
    .concat([['wasmUrl', 'wasm'], ['textWasmUrl', 'text-wasm'], ['keepClear', 'keep-clear']]);
  for (const [key, name] of simple) {
    const v = attr(name);
    if (v) o[key] = v;
  }
  const numbers = { delayMs: 'delay', sampling: 'sampling', recontactDays: 'recontact-days' };
  for (const [key, name] of Object.entries(numbers)) {
    const v = attr(name);
    if (v !== null && v !== '') o[key] = Number(v);
  }
  const props = attr('properties');
  if (props) {
    const p = parseJson(props);
    if (p.ok && p.value && typeof p.value === 'object' && !Array.isArray(p.value)) o.properties = p.value;
    else problems.push('data-properties is not a JSON object');
  }
  const order = attr('order-id');
  if (order) o.properties = Object.assign({}, o.properties, { orderId: order });
  const theme = attr('theme');
  if (theme) {
    if (SCHEMES.includes(theme)) o.theme = { scheme: theme };
    else {
      const t = parseJson(theme);
      if (t.ok && t.value && typeof t.value === 'object') o.theme = t.value;
      else problems.push('data-theme is neither auto/light/dark nor a JSON object');
    }
  }
  for (const key of ['accent', 'radius', 'font']) {
    const v = attr(key);
    if (v) o.theme = Object.assign({}, o.theme, { [key]: v });
  }
  const auto = attr('auto-show');
  if (auto !== null) o.autoShow = auto !== 'false';
  return { options: o, problems };
}

/**
 * Reads an inline `<script type="application/json" id="…">` named by '#id'.
 * @param {string} ref
 * @returns {{ ok: boolean, value?: any, text?: string }}
 */
export function readInlineJson(ref) {
  if (typeof document === 'undefined' || typeof ref !== 'string' || ref[0] !== '#') return { ok: false };
  const el = document.getElementById(ref.slice(1));
  if (!el) return { ok: false };
  const text = el.textContent || '';
  return Object.assign(parseJson(text), { text });
}

/**
 * The survey's id when it is known without waiting: from an object, JSON text or an inline
 * element already parsed; for a URL, the id this browser remembered for it (`known`).
 * @param {object | string} survey
 * @param {Record<string, string>} [known] survey URL → id, from an earlier page
 * @returns {string} '' when not known now
 */
export function surveyIdNow(survey, known) {
  /** @param {any} v */
  const id_of = (v) => (v && typeof v === 'object' && typeof v.id === 'string' ? v.id : '');
  if (survey && typeof survey === 'object') return id_of(survey);
  if (typeof survey !== 'string') return '';
  const s = survey.trim();
  if (s[0] === '{') return id_of(parseJson(s).value);
  if (s[0] === '#') return id_of(readInlineJson(s).value);
  return (known && typeof known[s] === 'string' && known[s]) || '';
}

/**
 * Turns user options into complete options; never throws.
 * @param {Record<string, any>} raw
 * @returns {{ options: Options, problems: string[] }}
 */
export function normalizeOptions(raw) {
  const r = raw && typeof raw === 'object' ? raw : {};
  const problems = [];
  /** @param {any} v @returns {any} a non-empty string, else undefined */
  const str = (v) => (typeof v === 'string' && v ? v : undefined);
  /** @param {any} v @returns {any} an object, else undefined */
  const obj = (v) => (v && typeof v === 'object' ? v : undefined);
  const num = (/** @type {any} */ v, /** @type {number} */ def, /** @type {number} */ lo, /** @type {number} */ hi, /** @type {string} */ name) => {
    if (v === undefined || v === null) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n < lo || n > hi) {
      problems.push(`${name} must be a number from ${lo} to ${hi}`);
      return def;
    }
    return n;
  };
  let position = r.position === undefined ? DEFAULT_POSITION : r.position;
  if (!POSITIONS.includes(position)) {
    problems.push(`position must be one of ${POSITIONS.join(', ')}`);
    position = DEFAULT_POSITION;
  }
  /** @type {Record<string, any>} */
  let properties = {};
  if (r.properties && typeof r.properties === 'object' && !Array.isArray(r.properties)) properties = Object.assign({}, r.properties);
  else if (r.properties !== undefined) problems.push('properties must be an object');
  if (r.orderId !== undefined) properties.orderId = String(r.orderId);
  /** @type {Theme} */
  const theme = {};
  const t = r.theme;
  if (typeof t === 'string' && SCHEMES.includes(t)) theme.scheme = /** @type {any} */ (t);
  else if (t && typeof t === 'object') {
    for (const k of ['accent', 'accentText', 'radius', 'font']) if (typeof t[k] === 'string') /** @type {any} */ (theme)[k] = t[k];
    if (SCHEMES.includes(t.scheme)) theme.scheme = t.scheme;
  }
  if (!theme.scheme) theme.scheme = 'auto';
  // What a floating card must not cover (issue 19): selectors, checked here once by the page's
  // own parser (a card is only drawn where there is a document).
  let keepClear = r.keepClear;
  try {
    if (keepClear !== undefined && typeof document == 'object') document.createDocumentFragment().querySelector(keepClear || ':x');
  } catch (_) {
    problems.push(`keepClear ${keepClear} is left out: not CSS selectors`);
    keepClear = undefined;
  }
  // A header fetch() refuses (a name with a space, a value outside Latin-1 such as 'Pépite ✓')
  // is a set-up mistake, not a network failure: said once here, and left out, instead of every
  // delivery failing and being retried forever.
  /** @type {Record<string, string> | undefined} */
  let headers;
  if (r.headers && typeof r.headers === 'object') {
    headers = {};
    for (const [name, value] of Object.entries(r.headers)) {
      try {
        new Headers([[name, String(value)]]);
        headers[name] = String(value);
      } catch (_) {
        problems.push(`header '${name}' is left out: fetch() refuses it (names are tokens, values Latin-1 text)`);
      }
    }
  }
  const options = {
    survey: r.survey,
    endpoint: r.endpoint,
    headers,
    beforeSend: typeof r.beforeSend === 'function' ? r.beforeSend : undefined,
    locale: str(r.locale) || 'auto',
    properties,
    token: str(r.token),
    position,
    target: r.target || null,
    keepClear: keepClear || undefined,
    theme,
    delayMs: num(r.delayMs, 0, 0, 86400000, 'delayMs'),
    sampling: num(r.sampling, 1, 0, 1, 'sampling'),
    recontactDays: num(r.recontactDays, 0, 0, 3650, 'recontactDays'),
    autoShow: r.autoShow !== false,
    wasmUrl: str(r.wasmUrl),
    textWasmUrl: str(r.textWasmUrl),
    delivery: obj(r.delivery),
    on: obj(r.on),
  };
  if (options.survey === undefined || options.survey === null || options.survey === '') problems.push('survey is required');
  return { options, problems };
}

/**
 * Gets the survey definition as JSON text: from an object, a JSON string, '#id' of an inline
 * `<script type="application/json">`, or a URL (fetched without credentials). The collector's
 * first-view route (`…/v1/surveys/{id}/first-view`, no query) is asked for the shopper's
 * languages (`?locales=`, issue 19) and given the order's token (`&t=`, issue 17: the route may
 * answer with the order's "is it solved?" survey).
 * @param {object | string} survey
 * @param {string | string[]} [locales] the shopper's languages by preference
 * @param {string} [token] the shop's signed order token
 * @returns {Promise<{ text?: string, error?: { code: string, message: string } }>}
 */
export async function loadDefinition(survey, locales, token) {
  try {
    if (survey && typeof survey === 'object') return { text: toJson(survey) };
    if (typeof survey !== 'string' || !survey) return { error: { code: 'survey.missing', message: 'no survey given' } };
    const s = survey.trim();
    if (s[0] === '{') return { text: s };
    if (s[0] === '#') {
      let inline = readInlineJson(s);
      // An async script placed above the inline JSON runs before the parser reaches it.
      if (inline.text === undefined && typeof document !== 'undefined' && document.readyState === 'loading') {
        await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
        inline = readInlineJson(s);
      }
      if (inline.text === undefined) return { error: { code: 'survey.not_found', message: `no element ${s} holds the survey` } };
      return { text: inline.text };
    }
    // A dropped connection or a 5xx is tried once more after a second.
    return { text: await getTwice(with_locales(s, locales, token), { credentials: 'omit', timeoutMs: FETCH_TIMEOUT_MS }, (res) => res.text()) };
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e && typeof e.status === 'number') return { error: { code: 'survey.fetch_failed', message: e.message } };
    return { error: { code: 'survey.fetch_failed', message: `could not load the survey: ${String(err)}` } };
  }
}

/**
 * Adds the shopper's languages and the order's token to a URL of the collector's first-view route
 * given without a query (tags are letters, digits and hyphens: js/i18n-locale.js; joined by
 * commas; a token's characters are URL-safe: docs/tokens.md).
 * @param {string} url @param {string | string[] | undefined} locales @param {string} [token]
 */
const with_locales = (url, locales, token) => (locales && /\/v1\/surveys\/[^/?#]+\/first-view$/.test(url) ? url + '?locales=' + locales + (token ? '&t=' + token : '') : url);
