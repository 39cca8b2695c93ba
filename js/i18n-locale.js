// Chooses the locale the shell asks the core for; the core resolves it against the survey's locales.

/**
 * Normalises a language tag (`fr_CA` → `fr-CA`); returns '' for anything that is not one.
 * @param {unknown} tag
 * @returns {string}
 */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return '';
  const t = tag.trim().replace(/_/g, '-');
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(t) ? t : '';
}

/**
 * `auto` (or nothing) means the page's `<html lang>`, then `navigator.languages`, then 'en'.
 * @param {string | undefined} requested
 * @param {{ documentLang?: string, languages?: readonly string[] }} [env] defaults to the browser's
 * @returns {string}
 */
export function chooseLocale(requested, env) {
  const explicit = normalizeLocale(requested);
  if (explicit && explicit.toLowerCase() !== 'auto') return explicit;
  const e = env || browser_env();
  const page = normalizeLocale(e.documentLang);
  if (page) return page;
  for (const l of e.languages || []) {
    const n = normalizeLocale(l);
    if (n) return n;
  }
  return 'en';
}

/** @returns {{ documentLang?: string, languages?: readonly string[] }} */
function browser_env() {
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  return {
    documentLang: typeof document !== 'undefined' ? document.documentElement.lang : '',
    languages: nav ? (nav.languages && nav.languages.length ? nav.languages : [nav.language]) : [],
  };
}
