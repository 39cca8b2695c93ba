// Delivers pepite.response/1 payloads to the shop's endpoint exactly once, through failures and closed tabs (issue 5).

import { newResponseId } from './ids.js';
import { describe } from './errors.js';
import { createSchedule } from './flush-schedule.js';
import { createOutbox } from './outbox.js';
import { createOwner } from './outbox-owner.js';
import { createOutcomes } from './delivery-outcome.js';
import { createPageExit } from './delivery-page.js';
import { preparePayload } from './prepare-payload.js';
import { createStorage, safeStorage } from './storage.js';
import { TIMEOUT_MS } from './transport.js';

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
  const o = options && typeof options === 'object' ? options : /** @type {any} */ ({});
  const endpoint = o.endpoint;
  const now = typeof o.now === 'function' ? o.now : Date.now;
  const timeout = positive(o.timeoutMs, TIMEOUT_MS);
  const retry_options = { baseMs: o.retryBaseMs, capMs: o.retryCapMs, random: o.random };
  // An id for this page's delivery instance (not sent anywhere).
  const self = newResponseId();
  const storage = safeStorage(o.storage && typeof o.storage.get === 'function' ? o.storage : createStorage('delivery-' + self, undefined, true));
  const outbox = createOutbox(storage, { now, key: 'outbox:' + self });
  const auto = o.autoFlush !== false;

  let destroyed = false;

  /** @param {'sent' | 'error'} type @param {object} detail */
  function fire(type, detail) {
    if (destroyed || typeof o.emit !== 'function') return;
    try {
      o.emit(type, detail);
    } catch (_) {
      // A throwing listener must not stop delivery.
    }
  }

  /** @param {string} code @param {string} message @param {object} [extra] */
  function fail(code, message, extra) {
    fire('error', Object.assign({ code, message }, extra || {}));
  }

  /** @param {import('./outbox.js').Eviction[]} evicted */
  function report_evictions(evicted) {
    for (const { entry, reason } of evicted) {
      fail('delivery.evicted', 'response ' + entry.id + ' (' + entry.status + ') dropped from the outbox: ' + reason, {
        responseId: entry.id,
        reason,
      });
    }
  }

  const owner = createOwner({
    storage,
    self,
    now,
    outbox,
    report: report_evictions,
    adopted: () => flush(true),
    gone: () => destroyed,
  });
  const { deliver, inFlight } = createOutcomes({ outbox, self, now, endpoint, headers: o.headers, fetch: o.fetch, timeout, retry: retry_options, fire, fail });
  /**
   * One flush pass over this page's outbox: sends every due entry, oldest first.
   * @param {boolean} force ignore the backoff delay (not a server's Retry-After)
   * @param {Set<string>} tried `id:rev` of the versions this flush sent already (skipped)
   */
  async function pass(force, tried) {
    for (let i = 0; i < PASS_MAX && !destroyed; i++) {
      if (page.stopped()) return;
      const { state, evicted } = outbox.load();
      report_evictions(evicted);
      if (state.retry.notBefore > now() && (!force || state.retry.hard)) return;
      const entry = state.entries.find((e) => !tried.has(e.id + ':' + e.rev));
      if (!entry) return;
      tried.add(entry.id + ':' + entry.rev);
      if (!(await deliver(entry))) return;
      // Only the first request of a forced pass ignores the backoff; after a success none is set.
      force = false;
    }
  }

  const schedule = createSchedule({
    async round(force, tried) {
      owner.heartbeat();
      owner.watchOthers();
      await pass(force, tried);
    },
    due() {
      const { state } = outbox.load();
      return state.entries.length ? Math.max(state.retry.notBefore - now(), 50) : null;
    },
    gone: () => destroyed,
    stopped: () => page.stopped(),
    failed: (err) => fail('delivery.internal', 'delivery failed: ' + describe(err)),
  });
  const flush = schedule.flush;
  const page = createPageExit({ outbox, owner, endpoint, fetch: o.fetch, inFlight, flush, schedule, gone: () => destroyed });
  if (auto) page.listen();

  const ready = owner.ready;
  ready
    .then(() => {
      if (destroyed) return;
      owner.register();
      if (auto) flush(true);
    })
    .catch((err) => fail('delivery.internal', 'delivery failed: ' + describe(err)));

  return {
    /**
     * Queues a payload (after `beforeSend`) and starts sending it. Resolves true once it is in
     * the outbox, false when cancelled, invalid, or a partial arriving after its complete.
     * @param {object} payload a pepite.response/1 payload from the core
     * @returns {Promise<boolean>}
     */
    async send(payload) {
      try {
        if (destroyed) return false;
        const p = await preparePayload(payload, o.beforeSend, typeof endpoint !== 'string' && typeof endpoint !== 'function', fail);
        if (!p) return false;
        const res = outbox.put(p, self);
        report_evictions(res.evicted);
        if (!res.queued) return false;
        await ready;
        owner.register();
        // Queued while the page is going: only the unload path can still get it out.
        if (page.stopped()) page.flushOnUnload();
        else if (typeof endpoint === 'string' || typeof endpoint === 'function') flush(true);
        return true;
      } catch (err) {
        fail('delivery.internal', 'delivery failed: ' + describe(err));
        return false;
      }
    },

    /**
     * Sends whatever is due in the outbox; resolves when done (never rejects).
     * @returns {Promise<void>}
     */
    async flush() {
      await ready;
      return flush(false);
    },

    /**
     * Stops timers and listeners and releases this page's outbox: what is still queued there is
     * adopted by the next page (or instance) that loads.
     */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      schedule.stop();
      page.unlisten();
      try {
        const { state } = outbox.load();
        if (state.entries.length === 0) {
          outbox.clear();
          owner.unregister(self);
        } else owner.closing();
      } catch (_) {
        // Storage gone: nothing to release.
      }
      owner.release();
    },
  };
}

/** @param {unknown} v @param {number} fallback @returns {number} */
function positive(v, fallback) {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
