// UI strings for the languages the shopper's core leaves out (issue 20; split from js/widget.js,
// issue 15): `pepite-ui-<language>.txt` beside the core, fetched when a view names it in `uiPack`.

import { FETCH_TIMEOUT_MS, UI_FILE_PREFIX } from './constants.js';
import { describe, errorDetail } from './errors.js';
import { getTwice } from './try-twice.js';

/**
 * @param {(file: string) => string} beside the URL of a file next to the core
 * @param {(detail: object) => void} fail reports a file that cannot be had
 */
export function createUiStrings(beside, fail) {
  /** @type {Record<string, string>} language -> file text, given to the core with each session */
  const strings = {};
  return {
    strings,
    /**
     * Fetches the strings of a language: true once they are in `strings`, false when they cannot
     * be had (the card stays in English).
     * @param {string} language
     * @returns {Promise<boolean>}
     */
    fetch(language) {
      const url = beside(`${UI_FILE_PREFIX}${language}.txt`);
      // Tried twice like the other files (a phone's network); the core checks the text (one
      // string per line) when it gets it.
      return getTwice(url, { credentials: 'omit', timeoutMs: FETCH_TIMEOUT_MS }, (res) => res.text()).then(
        (text) => {
          strings[language] = text;
          return true;
        },
        (err) => {
          fail(errorDetail('ui.load_failed', `${url}: ${describe(err)} (the card's texts stay in English)`));
          return false;
        },
      );
    },
  };
}
