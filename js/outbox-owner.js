// Who owns which outbox (issue 5, split from js/delivery.js in issue 15): each page view writes its
// own outbox and holds a Web Lock on it while it lives; a page adopts the outbox of a page that is
// gone (its lock is free, or without Web Locks its heartbeat is stale) and sends what it held.

import { createOutbox } from './outbox.js';

/** Web Locks name prefix: each page holds `pepite-outbox:<id>` on its own outbox while it lives. */
const LOCK_PREFIX = 'pepite-outbox:';
/** Storage key listing the outboxes (one per page view) so a later page can adopt orphans. */
export const REGISTRY_KEY = 'outboxes';
/** Storage key of the adoption lease used when Web Locks are unavailable. */
const LEASE_KEY = 'lease';
/** Without Web Locks, an outbox whose page has not shown signs of life for this long is orphaned (> 2 × the 60 s retry cap). */
const STALE_MS = 150000;

/**
 * @typedef {object} OwnerOptions
 * @property {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }} storage
 * @property {string} self this page's outbox id
 * @property {() => number} now
 * @property {ReturnType<typeof createOutbox>} outbox this page's outbox
 * @property {(evicted: import('./outbox.js').Eviction[]) => void} report evictions, as error events
 * @property {() => void} adopted entries were moved into this page's outbox: send them
 * @property {() => boolean} gone the delivery was destroyed
 */

/**
 * Takes this page's lock (before the outbox is listed, so no other page adopts it while we live)
 * and watches the others'. Without Web Locks (or when the lock cannot be had, e.g. a sandboxed
 * frame), liveness is a timestamp in the registry (`heartbeat`).
 * @param {OwnerOptions} o
 */
export function createOwner(o) {
  const { storage, self, now } = o;
  let locks = web_locks();
  const stop = typeof AbortController === 'function' ? new AbortController() : null;
  /** outbox ids (pages) whose lock this page waits for or holds */
  const watched = new Set();
  /** resolves when this page lets go: releases the locks it holds */
  let release = () => {};
  const released = new Promise((resolve) => {
    release = () => resolve(undefined);
  });

  /** @returns {Record<string, { seen: number, closed: boolean }>} */
  function registry() {
    const r = storage.get(REGISTRY_KEY);
    return r && typeof r === 'object' && !Array.isArray(r) ? r : {};
  }

  /** Lists this page's outbox in the registry (again: a concurrent write may have lost it). */
  function register(closed = false) {
    const r = registry();
    const mine = r[self];
    if (mine && !closed && !mine.closed && now() - mine.seen < STALE_MS / 2) return;
    r[self] = { seen: now(), closed };
    storage.set(REGISTRY_KEY, r);
  }

  /** @param {string} id */
  function unregister(id) {
    const r = registry();
    if (!(id in r)) return;
    delete r[id];
    storage.set(REGISTRY_KEY, r);
  }

  /**
   * Moves the entries of a closed page's outbox into this one, then deletes it. Runs while this
   * page holds that outbox's lock (kept until this page goes, so no other page adopts it again).
   * @param {string} id
   */
  function adopt(id) {
    if (o.gone() || id === self) return;
    const other = createOutbox(storage, { now, key: 'outbox:' + id });
    const { state, evicted } = other.load();
    o.report(evicted);
    if (state.entries.length || Object.keys(state.done).length) o.report(o.outbox.adopt(state, self));
    other.clear();
    unregister(id);
    if (state.entries.length) o.adopted();
  }

  /** Finds outboxes of other pages and adopts those whose page is gone (now or when it goes). */
  function watch_others() {
    if (o.gone()) return;
    for (const [id, info] of Object.entries(registry())) {
      if (id === self || watched.has(id)) continue;
      if (locks) {
        watched.add(id);
        // Granted when that page is gone (at once for an earlier page view); held until we go.
        locks
          .request(LOCK_PREFIX + id, stop ? { signal: stop.signal } : {}, async () => {
            adopt(id);
            await released;
          })
          .catch(() => {});
      } else if (!info || info.closed || now() - Number(info.seen) > STALE_MS) {
        watched.add(id);
        adopt_with_lease(id);
      }
    }
  }

  /**
   * Without Web Locks: adopts under a short lease in storage, so two pages loading together do
   * not both take the same outbox (the last lease written wins; the other page backs off).
   * @param {string} id
   */
  async function adopt_with_lease(id) {
    const t = now();
    const lease = storage.get(LEASE_KEY);
    if (lease && lease.owner !== self && typeof lease.until === 'number' && lease.until > t) {
      watched.delete(id); // try again on a later pass
      return;
    }
    storage.set(LEASE_KEY, { owner: self, until: t + 5000 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const mine = storage.get(LEASE_KEY);
    if (!mine || mine.owner !== self) {
      watched.delete(id);
      return;
    }
    try {
      adopt(id);
    } finally {
      storage.remove(LEASE_KEY);
    }
  }

  /** @type {Promise<void>} this page holds its lock (or goes without) */
  const ready = locks
    ? new Promise((resolve) => {
        const no_lock = () => {
          locks = null;
          resolve(undefined);
        };
        try {
          /** @type {any} */ (locks)
            .request(LOCK_PREFIX + self, async () => {
              resolve(undefined);
              await released;
            })
            .catch(no_lock);
        } catch (_) {
          no_lock();
        }
      })
    : Promise.resolve();

  return {
    ready,
    register,
    unregister,
    watchOthers: watch_others,
    /** Without Web Locks, liveness is this timestamp: renewed on each flush and on return. */
    heartbeat() {
      if (!locks) register();
    },
    /** The page may be going: without Web Locks, tells other pages this outbox may be orphaned. */
    closing() {
      if (!locks) register(true);
    },
    /** Lets go of every lock this page holds or waits for. */
    release() {
      if (stop) stop.abort();
      release();
    },
  };
}

/** @returns {any} navigator.locks when the browser has Web Locks (secure contexts), else null */
function web_locks() {
  try {
    const l = typeof navigator === 'object' && navigator ? /** @type {any} */ (navigator).locks : null;
    return l && typeof l.request === 'function' ? l : null;
  } catch (_) {
    return null;
  }
}
