// The page around a delivery (split from js/delivery.js, issue 15): when it is hidden or closed,
// what is still queued leaves on keepalive requests that survive the unload; while it is going no
// normal request starts; back from the back/forward cache, or online again, the outbox is flushed.

import { toJson } from './json.js';
import { REGISTRY_KEY } from './outbox-owner.js';
import { postOnUnload } from './transport.js';

/**
 * @param {{ outbox: ReturnType<typeof import('./outbox.js').createOutbox>,
 *           owner: ReturnType<typeof import('./outbox-owner.js').createOwner>,
 *           endpoint: any, fetch?: typeof fetch, inFlight: (key: string) => boolean,
 *           flush: (force: boolean) => Promise<void>, schedule: { stop(): void }, gone: () => boolean }} d
 */
export function createPageExit(d) {
  const { outbox, owner, endpoint, flush } = d;
  /** set on `pagehide`: the page is going (or frozen); cleared when `pageshow` restores it */
  let leaving = false;
  /** responseId → rev already handed to the unload path */
  const unload_sent = new Map();

  /**
   * The page is being hidden or closed: hand what is still queued to keepalive requests that
   * survive the unload (see transport.postOnUnload and docs/delivery.md).
   */
  function flush_on_unload() {
    if (d.gone()) return;
    owner.closing();
    if (typeof endpoint !== 'string') {
      flush(true);
      return;
    }
    // Offline, the request cannot leave; the next page view (or the `online` event) sends it.
    if (typeof navigator === 'object' && navigator && navigator.onLine === false) return;
    const { state } = outbox.load();
    for (const e of state.entries) {
      if (d.inFlight(e.id + ':' + e.rev)) continue; // already a keepalive request: it survives
      // A keepalive request for this version with no answer yet: it may well arrive (the browser
      // carries it through the unload); the page that adopts this outbox sends it again.
      if (e.sending && e.sending.rev === e.rev && e.sending.keepalive) continue;
      if (unload_sent.get(e.id) === e.rev) continue;
      if (!postOnUnload(endpoint, toJson(e.payload), d.fetch)) break;
      unload_sent.set(e.id, e.rev);
    }
  }

  /** @param {Event} ev */
  function on_hide(ev) {
    if (ev.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    flush_on_unload();
    if (ev.type === 'pagehide') {
      // Unloading (or entering the back/forward cache): a request started now would be cut from
      // the page before its answer is read. Nothing new goes out until `pageshow` brings it back.
      leaving = true;
      d.schedule.stop();
    }
  }
  /** @param {Event} ev back from the back/forward cache */
  function on_show(ev) {
    if (!(/** @type {PageTransitionEvent} */ (ev).persisted) || !leaving) return;
    leaving = false;
    owner.heartbeat();
    flush(true);
  }
  function on_online() {
    flush(true);
  }
  /** Another tab listed its outbox: wait for its lock, to adopt what it leaves when it closes. */
  function on_storage(/** @type {Event} */ ev) {
    const key = /** @type {StorageEvent} */ (ev).key;
    if (typeof key === 'string' && key.endsWith(':' + REGISTRY_KEY)) owner.watchOthers();
  }

  const has_window = typeof window === 'object' && window !== null && typeof window.addEventListener === 'function';
  /** @type {Array<[string, (ev: Event) => void]>} */
  const listeners = [['pagehide', on_hide], ['pageshow', on_show], ['online', on_online], ['storage', on_storage]];
  /** @param {boolean} on */
  function wire(on) {
    if (!has_window) return;
    for (const [type, fn] of listeners) (on ? window.addEventListener : window.removeEventListener).call(window, type, fn);
    if (typeof document === 'object' && document) (on ? document.addEventListener : document.removeEventListener).call(document, 'visibilitychange', on_hide);
  }

  return {
    /**
     * Whether normal requests are over for this page: it is going, and what is left went out on
     * the unload path (URL endpoints; a shop's own transport function decides for itself).
     */
    stopped: () => leaving && typeof endpoint === 'string',
    flushOnUnload: flush_on_unload,
    /** Listens to the page hiding, coming back, going online and other tabs' outboxes. */
    listen: () => wire(true),
    unlisten: () => wire(false),
  };
}
