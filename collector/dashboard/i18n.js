// The dashboard's language (the toggle's choice for this tab, else the page's, which the collector
// sets from Accept-Language), its strings, and the formats that follow it: dates, numbers,
// durations, the colon, topic and reason names.

import { byId } from './dom.js';
import { INBOX_STRINGS, STRINGS } from './strings.js';

const LANG_KEY = 'pepite.dashboardLang';

/** @type {'en' | 'fr'} */
export let lang = sessionStorage.getItem(LANG_KEY) === 'fr' ? 'fr' : sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' :
  (document.documentElement.lang === 'fr' ? 'fr' : 'en');

/** The other language, kept for this tab (sessionStorage). */
export function toggleLanguage() {
    lang = lang === 'fr' ? 'en' : 'fr';
    sessionStorage.setItem(LANG_KEY, lang);
}

/** @returns {typeof STRINGS.en & typeof INBOX_STRINGS.en} */
export const t = () => /** @type {any} */ (STRINGS[lang]);

/** Sets every [data-i18n] element's text and the page language. */
export function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (el).dataset.i18n;
    const value = /** @type {Record<string, unknown>} */ (t())[key || ''];
    if (typeof value === 'string') el.textContent = value;
  }
  byId('pd-token').setAttribute('aria-describedby', 'pd-login-error');
}

/** @param {string} iso */
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** @param {number} v */
export const fmt1 = (v) => (Math.round(v * 10) / 10).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');

/** "5 h", "40 min", "3 days": a duration in milliseconds, rounded. @param {number} ms */
export function duration(ms) {
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(hours / 24);
  return lang === 'fr' ? `${days} jours` : `${days} days`;
}

/** "Label: " in English, "Label : " in French. @param {string} label */
export const colon = (label) => `${label}${lang === 'fr' ? ' : ' : ': '}`;

/** @param {string} id a topic or reason id */
export function topicLabel(id) {
  const labels = /** @type {Record<string, string>} */ (t().reasons);
  return labels[id] || id.replaceAll('_', ' ');
}
