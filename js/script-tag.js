// Entry of dist/pepite.js (IIFE): reads the script tag, replays the queue, exposes only `pepite`.

import { readScriptConfig } from './config.js';
import { LOG_PREFIX, OUTBOX_NAMESPACE, WASM_FILE } from './constants.js';
import { createDelivery } from './delivery.js';
import { installQueue } from './queue.js';
import { createStorage } from './storage.js';
import { parsedPage } from './navigation.js';
import { createWidget, setDefaultWasmUrl, setFirstPage } from './widget.js';

(() => {
  try {
    // document.currentScript is set while a classic script runs, also with async/defer.
    const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
    const src = script && script.src ? script.src : '';
    if (src) setDefaultWasmUrl(new URL(WASM_FILE, src).href);
    const { options, problems } = readScriptConfig(script);
    for (const p of problems) console.warn(LOG_PREFIX, p);
    const existing = /** @type {any} */ (window).pepite;
    if (existing && typeof existing === 'function' && existing.version) {
      console.warn(LOG_PREFIX, 'pepite.js is loaded twice: the second copy does nothing');
      return;
    }
    // Calls queued before this script ran are for the page that asked for it (issue 20).
    setFirstPage(parsedPage(src));
    const pepite = installQueue(window, (o) => createWidget(o), options);
    setFirstPage('');
    // An endpoint without a survey (e.g. the page after the survey): still send what earlier
    // pages left in the outbox (issue 5: flushed when the script loads).
    if (options.endpoint && !pepite.widget()) {
      const warn = (/** @type {string} */ type, /** @type {any} */ d) => {
        if (type === 'error') console.warn(LOG_PREFIX, `${d && d.code}: ${d && d.message}`);
      };
      Promise.resolve(createDelivery({ endpoint: options.endpoint, emit: warn, storage: createStorage(OUTBOX_NAMESPACE) }).flush()).catch(() => {});
    }
  } catch (err) {
    console.warn(LOG_PREFIX, 'could not start:', err);
  }
})();
