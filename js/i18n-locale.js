// Chooses the locale the shell asks the core for; the core resolves it against the survey's locales.

/**
 * Normalises a language tag (`fr_CA` → `fr-CA`); returns '' for anything that is not one. What a
 * tag is, is the core's rule (`is_locale_tag`, wasm/src/detail/payload_rules.cpp): 2–3 letters,
 * then letters and digits in runs parted by single dashes, 35 characters at most. A tag the core refuses in the list
 * fails the whole session (`<html lang="english">` did), so the shell keeps exactly those
 * (tests/js/i18n-locale.test.js asks the core about each).
 * @param {unknown} tag
 * @returns {string}
 */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return '';
  const t = tag.trim().replace(/_/g, '-');
  return t.length < 36 && /^[a-z]{2,3}(?![a-z])(-?[a-z\d])*$/i.test(t) ? t : '';
}

/**
 * `auto` (or nothing) means the page's `<html lang>`, then each of `navigator.languages`, in that
 * order: the core draws the survey in the first of them it is written in (else its default
 * locale). An explicit tag is passed alone.
 * @param {string | undefined} requested
 * @param {{ documentLang?: string, languages?: readonly string[] }} [env] defaults to the browser's
 * @returns {string | string[]} a tag, or up to 10 tags in order of preference
 */
export function chooseLocale(requested, env) {
  // `auto` is no tag (four letters).
  const explicit = normalizeLocale(requested);
  if (explicit) return explicit;
  const e = env || browser_env();
  /** @type {string[]} */
  const out = [];
  for (const tag of [e.documentLang, ...(e.languages || [])]) {
    const n = normalizeLocale(tag);
    if (n && !out.some((o) => o.toLowerCase() === n.toLowerCase())) out.push(n);
  }
  return out.length ? out.slice(0, MAX_LOCALES) : 'en';
}

/** The core takes at most this many (docs/contracts.md, session options). */
const MAX_LOCALES = 10;

/** @returns {{ documentLang?: string, languages?: readonly string[] }} */
function browser_env() {
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  return {
    documentLang: typeof document !== 'undefined' ? document.documentElement.lang : '',
    languages: nav ? (nav.languages && nav.languages.length ? nav.languages : [nav.language]) : [],
  };
}
