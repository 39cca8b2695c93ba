// The delivery engine of one widget, started late (split from js/widget.js, issue 15): once
// `ready` has settled or with the first payload, so its set-up (storage, listeners, the outbox
// flush) stays off the path to the first drawn question.

import { OUTBOX_NAMESPACE } from './constants.js';
import { createDelivery } from './delivery.js';
import { errorDetail } from './errors.js';
import { createStorage } from './storage.js';

/**
 * @param {{ options: any, fail: (detail: any) => void, emit: (type: string, detail: any) => void,
 *           onStorageError: (err: unknown) => void, gone: () => boolean }} o
 */
export function createLazyDelivery(o) {
  /** @type {ReturnType<typeof createDelivery> | null} */
  let delivery = null;
  let started = false;
  /** @param {unknown} err */
  const failed = (err) => o.fail(errorDetail('delivery.failed', String(err)));
  function start() {
    const options = o.options;
    if (started || o.gone() || !options.endpoint) return;
    started = true;
    try {
      delivery = createDelivery(/** @type {any} */ (Object.assign({}, options.delivery || {}, {
        endpoint: options.endpoint,
        headers: options.headers,
        beforeSend: options.beforeSend,
        emit: (/** @type {string} */ type, /** @type {any} */ detail) => {
          if (type === 'error') o.fail(detail);
          else o.emit(type, detail);
        },
        storage: createStorage(OUTBOX_NAMESPACE, o.onStorageError),
      })));
      // Payloads left by an earlier page go out even if no card is shown now (issue 5).
      Promise.resolve(delivery.flush()).catch(failed);
    } catch (err) {
      failed(err);
    }
  }
  return {
    start,
    /** @param {object} payload built by the core */
    send(payload) {
      start();
      if (delivery) Promise.resolve(delivery.send(payload)).catch(failed);
    },
    destroy() {
      if (delivery) delivery.destroy();
      delivery = null;
    },
  };
}
