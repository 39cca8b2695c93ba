// Delivers pepite.response/1 payloads to the shop's endpoint exactly once, through failures and closed tabs (issue 5).

import { parts } from './delivery-parts.js';
import { createSchedule } from './flush-schedule.js';
import { createPageExit } from './delivery-page.js';
import { preparePayload } from './prepare-payload.js';

/** @typedef {import('./delivery-parts.js').Parts} Parts */

/** Upper bound of requests in one flush pass (the outbox holds at most 50 entries). */
const PASS_MAX = 200;

/**
 * @typedef {object} DeliveryOptions
 * @property {string | ((payload: object) => Promise<void | boolean | { ok: boolean }>)} endpoint
 *   URL to POST to, or a function for shops with their own transport (resolving to nothing, true
 *   or `{ok: true}` acknowledges; false, `{ok: false}` or a rejection is retried).
 * @property {Record<string, string>} [headers] extra request headers (normal path only)
 * @property {(payload: object) => object | false | void | Promise<object | false | void>} [beforeSend] may return a modified payload, or false to cancel (or a promise of either)
 * @property {(type: 'sent' | 'error', detail: object) => void} emit fires widget events
 * @property {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }} storage from js/storage.js
 * @property {number} [retryBaseMs] first retry delay (default 1000); tests lower it
 * @property {number} [retryCapMs] longest retry delay (default 60000)
 * @property {number} [timeoutMs] request timeout (default 10000)
 * @property {() => number} [random] jitter source in [0, 1) (default Math.random)
 * @property {() => number} [now] clock in ms since the epoch (default Date.now)
 * @property {typeof fetch} [fetch] fetch implementation (default globalThis.fetch)
 * @property {boolean} [autoFlush] flush the outbox at creation and on page hide/online (default true)
 */

/**
 * Creates the delivery service of one widget. Payloads go to this page's outbox in storage first,
 * then to the endpoint. Each page view has its own outbox, written by that page only (Chromium
 * propagates localStorage between tabs asynchronously, so two tabs rewriting one shared document
 * resurrect each other's acknowledged entries: measured, see docs/delivery.md). A page holds a Web
 * Lock on its outbox while it lives; another page adopts an outbox whose lock is free (its page is
 * gone) and sends what it held, so responses from earlier views go out when the script next loads.
 * Flushes: at creation, after `send`, on `online`, after backoff delays; on page hide, what is
 * still queued goes out with keepalive requests that survive the unload.
 * Never throws and never rejects; failures become `error` events.
 * @param {DeliveryOptions} options
 * @returns {{ send(payload: object): Promise<boolean>, flush(): Promise<void>, destroy(): void }}
 * @example
 * const delivery = createDelivery({ endpoint: '/api/feedback', emit, storage: createStorage('outbox') });
 * delivery.send(payload); // payload from the core's `act` result
 */
export function createDelivery(options) {
  const d = parts(options);
  const { owner } = d;
  const schedule = (d.schedule = createSchedule({
    async round(force, tried) {
      owner.heartbeat();
      owner.watchOthers();
      await pass(d, force, tried);
    },
    due() {
      const { state } = d.outbox.load();
      return state.entries.length ? Math.max(state.retry.notBefore - d.now(), 50) : null;
    },
    gone: d.gone,
    stopped: () => d.page.stopped(),
    failed: d.broke,
  }));
  const flush = (d.flush = schedule.flush);
  const page = (d.page = createPageExit(d));
  if (d.auto) page.listen();

  d.ready
    .then(() => {
      if (d.destroyed) return;
      owner.register();
      if (d.auto) flush(true);
    })
    .catch(d.broke);

  return {
    /**
     * Queues a payload (after `beforeSend`) and starts sending it. Resolves true once it is in
     * the outbox, false when cancelled, invalid, or a partial arriving after its complete.
     * @param {object} payload a pepite.response/1 payload from the core
     * @returns {Promise<boolean>}
     */
    send: (payload) => send(d, payload),

    /**
     * Sends whatever is due in the outbox; resolves when done (never rejects).
     * @returns {Promise<void>}
     */
    async flush() {
      await d.ready;
      return flush(false);
    },

    /**
     * Stops timers and listeners and releases this page's outbox: what is still queued there is
     * adopted by the next page (or instance) that loads.
     */
    destroy: () => destroy(d),
  };
}

/**
 * One flush pass over this page's outbox: sends every due entry, oldest first.
 * @param {Parts} d
 * @param {boolean} force ignore the backoff delay (not a server's Retry-After)
 * @param {Set<string>} tried `id:rev` of the versions this flush sent already (skipped)
 */
async function pass(d, force, tried) {
  for (let i = 0; i < PASS_MAX && !d.destroyed; i++) {
    if (d.page.stopped()) return;
    const { state, evicted } = d.outbox.load();
    d.report(evicted);
    if (state.retry.notBefore > d.now() && (!force || state.retry.hard)) return;
    const entry = state.entries.find((e) => !tried.has(e.id + ':' + e.rev));
    if (!entry) return;
    tried.add(entry.id + ':' + entry.rev);
    if (!(await d.deliver(entry))) return;
    // Only the first request of a forced pass ignores the backoff; after a success none is set.
    force = false;
  }
}

/**
 * `send`: the payload (after `beforeSend`) into the outbox, then on its way.
 * @param {Parts} d
 * @param {object} payload
 * @returns {Promise<boolean>}
 */
async function send(d, payload) {
  const { outbox, page } = d;
  try {
    if (d.destroyed) return false;
    const p = await preparePayload(payload, d.o.beforeSend, !d.sends, d.fail);
    if (!p) return false;
    const res = outbox.put(p, d.self);
    d.report(res.evicted);
    if (!res.queued) return false;
    await d.ready;
    d.owner.register();
    // Queued while the page is going: only the unload path can still get it out.
    if (page.stopped()) page.flushOnUnload();
    else if (d.sends) d.flush(true);
    return true;
  } catch (err) {
    d.broke(err);
    return false;
  }
}

/** `destroy`: stops and lets this page's outbox go. @param {Parts} d */
function destroy(d) {
  if (d.destroyed) return;
  d.destroyed = true;
  d.schedule.stop();
  d.page.unlisten();
  try {
    const { state } = d.outbox.load();
    if (state.entries.length === 0) {
      d.outbox.clear();
      d.owner.unregister(d.self);
    } else d.owner.closing();
  } catch (_) {
    // Storage gone: nothing to release.
  }
  d.owner.release();
}
