// Loading the dashboard's data: everything at once after signing in or a filter change (a slow
// answer to an older filter never overwrites a newer one), and the live refresh of the figures,
// counts and delivery log that leaves the queue alone.

import { TOKEN_KEY } from './api.js';
import { loadDeliveries } from './deliveries.js';
import { byId } from './dom.js';
import { loadStats } from './figures.js';
import { loadSurveys, surveysLoaded } from './filters.js';
import { t } from './i18n.js';
import { loadCounts, loadQueue } from './queue.js';

/** Bumped on every load, so a slow answer to an older filter never overwrites a newer one. */
let generation = 0;

/**
 * Loads and draws the figures, the queue shown with its tabs' counts, and the delivery log.
 * @param {string} [message] the status once loaded (why the list was loaded again)
 */
export async function load(message = '') {
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

/**
 * The figures, the tabs' counts and the delivery log again, without touching the queue (the
 * manager may be typing in it): after a case change, every 30 s and when the window comes back.
 * A failure is silent: the next refresh tries again.
 */
export async function refreshLive() {
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
