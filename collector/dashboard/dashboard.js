// Pépite dashboard: asks for the admin token once (sessionStorage), then draws the overview, the
// work queue (its tabs with their counts, each case with its actions), the headline scores and
// SVG charts and the webhooks' delivery log from the JSON API, filtered by survey and dates (kept
// in the page's query string); the figures, counts and log follow each change and refresh every
// 30 s. Shopper text only ever goes through textContent, never HTML.
//
// This file starts the page; each module does one job: strings.js, i18n.js (language and
// formats), dom.js, api.js (API client and token), filters.js, charts.js, figures.js
// (scores and overview), queue.js (work queue), case-card.js and case-actions.js (one case),
// deliveries.js (webhook log), refresh.js (loading and the live refresh).

import { showLogin, TOKEN_KEY } from './api.js';
import { tickCountdowns } from './case-card.js';
import { redrawCharts } from './charts.js';
import { byId } from './dom.js';
import { lastTotal } from './figures.js';
import { applyFilters, describeFilters, exportCsv, showFilters } from './filters.js';
import { applyLanguage, t, toggleLanguage } from './i18n.js';
import { onCaseChanged, startInbox } from './queue.js';
import { load, refreshLive } from './refresh.js';

function start() {
  startInbox();
  onCaseChanged(refreshLive);
  applyLanguage();
  showFilters();
  const form = byId('pd-filters');
  const apply = () => {
    if (applyFilters()) load();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    /** @type {HTMLSelectElement} */ (byId('pd-f-survey')).value = '';
    /** @type {HTMLInputElement} */ (byId('pd-f-from')).value = '';
    /** @type {HTMLInputElement} */ (byId('pd-f-to')).value = '';
    apply();
  });
  byId('pd-login').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('pd-token'));
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    load();
  });
  byId('pd-lang').addEventListener('click', () => {
    toggleLanguage();
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
  new ResizeObserver(redrawCharts).observe(byId('pd-distribution'));
  if (sessionStorage.getItem(TOKEN_KEY)) {
    load();
  } else {
    showLogin();
  }
}

start();
