// When the outbox is flushed (issue 5, split from js/delivery.js in issue 15): one flush at a time,
// a flush asked meanwhile joins it and makes it go round once more, and after each the timer is
// armed for the next due time of what is left.

/**
 * @typedef {object} ScheduleHooks
 * @property {(force: boolean, tried: Set<string>) => Promise<void>} round one pass over the outbox
 *   (`tried`: the `id:rev` of the versions this flush sent already)
 * @property {() => number | null} due ms until the next entry is due, null when none is left
 * @property {() => boolean} gone the delivery was destroyed
 * @property {() => boolean} stopped normal requests are over (the page is going)
 * @property {(err: unknown) => void} failed a round threw
 */

/** @param {ScheduleHooks} o */
export function createSchedule(o) {
  /** @type {Promise<void> | null} */
  let running = null;
  let again = false;
  let again_force = false;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;

  /**
   * Flushes now (joins a flush under way).
   * @param {boolean} force ignore the backoff delay (not a server's Retry-After)
   * @returns {Promise<void>}
   */
  function flush(force) {
    if (o.gone() || o.stopped()) return Promise.resolve();
    if (running) {
      again = true;
      again_force = again_force || force;
      return running;
    }
    running = (async () => {
      let f = force;
      // What this flush already sent: a forced pass asked while one was running (a new payload
      // queued) sends what is new, not again what just failed under its backoff.
      const tried = new Set();
      do {
        again = false;
        await o.round(f, tried);
        f = again_force;
        again_force = false;
      } while (again && !o.gone());
    })()
      .catch(o.failed)
      .finally(() => {
        running = null;
        plan();
      });
    return running;
  }

  /** Arms the timer for the next due time of what is left in the outbox. */
  function plan() {
    if (o.gone() || o.stopped()) return;
    const ms = o.due();
    if (ms === null) return;
    stop();
    timer = setTimeout(() => {
      timer = null;
      flush(false);
    }, Math.max(0, ms));
  }

  /** Disarms the timer (the page is going, or the delivery is destroyed). */
  function stop() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  return { flush, stop };
}
