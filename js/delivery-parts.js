// One delivery's parts (split from js/delivery.js, issue 15): the options read once, this page's
// outbox, the events it fires, its owner and one attempt's outcomes, in one object that each
// module of the delivery reads what it needs from.

import { positive } from './backoff.js';
import { createOutcomes } from './delivery-outcome.js';
import { describe } from './errors.js';
import { newResponseId } from './ids.js';
import { createOutbox } from './outbox.js';
import { createOwner } from './outbox-owner.js';
import { createStorage, safeStorage } from './storage.js';
import { TIMEOUT_MS } from './transport.js';

/**
 * One delivery's parts in one object, handed whole to js/outbox-owner.js, js/delivery-outcome.js
 * and js/delivery-page.js (each reads the fields it needs).
 * @typedef {object} Parts
 * @property {import('./delivery.js').DeliveryOptions} o the options as given
 * @property {import('./delivery.js').DeliveryOptions['endpoint']} endpoint
 * @property {boolean} sends there is an endpoint (a URL or a function): without one, `send` only validates
 * @property {Record<string, string>} [headers]
 * @property {typeof fetch} [fetch]
 * @property {() => number} now
 * @property {number} timeout request timeout in ms
 * @property {{ baseMs?: number, capMs?: number, random?: () => number }} retry backoff options
 * @property {boolean} auto flush at creation and on page hide/online
 * @property {string} self this page's outbox id
 * @property {import('./delivery.js').DeliveryOptions['storage']} storage
 * @property {ReturnType<typeof createOutbox>} outbox this page's outbox
 * @property {boolean} destroyed
 * @property {() => boolean} gone `destroyed`, as a callback
 * @property {(type: 'sent' | 'error', detail: object) => void} fire a widget event (none once destroyed)
 * @property {(code: string, message: string, extra?: object) => void} fail an `error` event
 * @property {(err: unknown) => void} broke a `delivery.internal` error
 * @property {(evicted: import('./outbox.js').Eviction[]) => void} report evictions, as `error` events
 * @property {() => void} adopted entries from a page that is gone arrived in this outbox
 * @property {ReturnType<typeof createOwner>} owner
 * @property {Promise<void>} ready the owner holds this page's lock (or knows it cannot)
 * @property {(entry: import('./outbox.js').OutboxEntry) => Promise<boolean>} deliver one attempt, its outcome in the outbox
 * @property {(key: string) => boolean} inFlight
 * @property {ReturnType<typeof import('./flush-schedule.js').createSchedule>} schedule
 * @property {(force: boolean) => Promise<void>} flush
 * @property {ReturnType<typeof import('./delivery-page.js').createPageExit>} page
 */

/**
 * Reads the options and builds this page's outbox, its events, its owner and its outcomes.
 * @param {import('./delivery.js').DeliveryOptions} options
 * @returns {Parts}
 */
export function parts(options) {
  const o = options && typeof options === 'object' ? options : /** @type {any} */ ({});
  const now = typeof o.now === 'function' ? o.now : Date.now;
  // An id for this page's delivery instance (not sent anywhere).
  const self = newResponseId();
  const storage = safeStorage(o.storage && typeof o.storage.get === 'function' ? o.storage : createStorage('delivery-' + self, undefined, true));
  // Set below: owner, ready, deliver and inFlight; schedule, flush and page by createDelivery.
  const d = /** @type {Parts} */ (/** @type {Omit<Parts, 'owner' | 'ready' | 'deliver' | 'inFlight' | 'schedule' | 'flush' | 'page'>} */ ({
    o,
    endpoint: o.endpoint,
    /** the endpoint is one (a URL or a function): without one, `send` only validates */
    sends: typeof o.endpoint === 'string' || typeof o.endpoint === 'function',
    headers: o.headers,
    fetch: o.fetch,
    now,
    timeout: positive(o.timeoutMs, TIMEOUT_MS),
    retry: { baseMs: o.retryBaseMs, capMs: o.retryCapMs, random: o.random },
    auto: o.autoFlush !== false,
    self,
    storage,
    outbox: createOutbox(storage, { now, key: 'outbox:' + self }),
    destroyed: false,
    gone: () => d.destroyed,
    /** @param {'sent' | 'error'} type @param {object} detail */
    fire(type, detail) {
      if (d.destroyed || typeof o.emit !== 'function') return;
      try {
        o.emit(type, detail);
      } catch (_) {
        // A throwing listener must not stop delivery.
      }
    },
    /** @param {string} code @param {string} message @param {object} [extra] */
    fail: (code, message, extra) => d.fire('error', Object.assign({ code, message }, extra || {})),
    /** @param {unknown} err */
    broke: (err) => d.fail('delivery.internal', 'delivery failed: ' + describe(err)),
    /** @param {import('./outbox.js').Eviction[]} evicted */
    report(evicted) {
      for (const { entry, reason } of evicted) {
        d.fail('delivery.evicted', 'response ' + entry.id + ' (' + entry.status + ') dropped from the outbox: ' + reason, {
          responseId: entry.id,
          reason,
        });
      }
    },
    adopted: () => d.flush(true),
  }));
  const owner = (d.owner = createOwner(d));
  d.ready = owner.ready;
  return Object.assign(d, createOutcomes(d));
}
