// The webhooks' delivery log (`GET /v1/webhooks/deliveries`), a side panel shown when webhooks
// are set up.

import { api } from './api.js';
import { byId, el } from './dom.js';
import { formatDate, t } from './i18n.js';

/**
 * The webhooks' delivery log (`GET /v1/webhooks/deliveries`), shown when webhooks are set up.
 * Never fails the page: the log is a side panel.
 */
export async function loadDeliveries() {
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
