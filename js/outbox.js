// Outbox of response payloads awaiting acknowledgement, kept in storage across reloads and tabs (issue 5).

import { toJson } from './json.js';

/** Entries older than this are dropped (issue 5: 7 days). */
export const OUTBOX_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many pending responses (issue 5). */
export const OUTBOX_MAX_ENTRIES = 50;
/** At most this many bytes of stored JSON for the entries (issue 5: 100 KB). */
export const OUTBOX_MAX_BYTES = 100 * 1024;
/** Acknowledged `complete` responses remembered so a late partial is never re-sent. */
const DONE_MAX = 200;

/**
 * @typedef {object} OutboxEntry
 * @property {string} id responseId
 * @property {number} rev bumped on each new version, so an acknowledgement of an older version does not remove a newer one
 * @property {'partial' | 'complete'} status
 * @property {object} payload what goes on the wire (after beforeSend)
 * @property {number} bytes length of the payload's JSON
 * @property {number} createdAt ms since epoch, first version
 * @property {number} updatedAt ms since epoch, latest version
 * @property {string} owner id of the delivery instance (tab) that queued the latest version
 * @property {{ owner: string, rev: number, until: number, keepalive: boolean } | null} sending the
 *   last request for version `rev` whose outcome is not known: set just before it goes out, cleared
 *   by an HTTP answer (a 2xx removes the entry), left in place by a network error or a timeout (the
 *   endpoint may have stored it). `until`: when the request times out at the latest; `keepalive`:
 *   the browser carries it on if the page unloads. A page that adopts the outbox of a page that is
 *   gone sends every entry again; a marked one may already be stored (the upsert absorbs it).
 */

/**
 * @typedef {object} OutboxState
 * @property {OutboxEntry[]} entries oldest first
 * @property {Record<string, number>} done responseId → time its complete version was acknowledged
 * @property {{ attempt: number, notBefore: number, hard: boolean }} retry endpoint-wide backoff; hard when set by Retry-After
 */

/**
 * @typedef {{ entry: OutboxEntry, reason: 'expired' | 'max_entries' | 'max_bytes' }} Eviction
 */

/**
 * Opens the outbox stored under `storage` key `options.key` (default `outbox`). The document is
 * read again on every call rather than cached, so a reload or an adopting tab sees the latest.
 * @param {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }} storage one that
 *   never throws (js/storage.js: `createStorage`, or a shop's storage behind `safeStorage`)
 * @param {{ key?: string, now?: () => number, maxAgeMs?: number, maxEntries?: number, maxBytes?: number }} [options]
 */
export function createOutbox(storage, options = {}) {
  const KEY = typeof options.key === 'string' ? options.key : 'outbox';
  const now = typeof options.now === 'function' ? options.now : Date.now;
  const maxAge = options.maxAgeMs ?? OUTBOX_MAX_AGE_MS;
  const maxEntries = options.maxEntries ?? OUTBOX_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? OUTBOX_MAX_BYTES;

  /** @returns {OutboxState} */
  function read() {
    const doc = storage.get(KEY);
    /** @type {OutboxState} */
    const state = { entries: [], done: {}, retry: { attempt: 0, notBefore: 0, hard: false } };
    if (!doc || typeof doc !== 'object') return state;
    if (Array.isArray(doc.entries)) state.entries = doc.entries.filter(valid_entry);
    if (doc.done && typeof doc.done === 'object') {
      for (const [id, at] of Object.entries(doc.done)) if (typeof at === 'number') state.done[id] = at;
    }
    const r = doc.retry;
    if (r && typeof r === 'object') {
      state.retry = {
        attempt: Number.isInteger(r.attempt) && r.attempt >= 0 ? r.attempt : 0,
        notBefore: typeof r.notBefore === 'number' ? r.notBefore : 0,
        hard: r.hard === true,
      };
    }
    return state;
  }

  /** @param {OutboxState} state @returns {boolean} persisted */
  function write(state) {
    return storage.set(KEY, state);
  }

  /**
   * Applies the bounds to `state` in place; the entry `keep` (just queued) goes last.
   * @param {OutboxState} state
   * @param {string} [keep]
   * @returns {Eviction[]}
   */
  function enforce(state, keep) {
    /** @type {Eviction[]} */
    const evicted = [];
    const t = now();
    state.entries = state.entries.filter((e) => {
      if (t - e.createdAt <= maxAge) return true;
      evicted.push({ entry: e, reason: 'expired' });
      return false;
    });
    // Oldest first, except the entry being queued, which is the last to go.
    const victims = () => {
      const i = state.entries.findIndex((e) => e.id !== keep);
      return i >= 0 ? i : 0;
    };
    while (state.entries.length > maxEntries) {
      evicted.push({ entry: state.entries.splice(victims(), 1)[0], reason: 'max_entries' });
    }
    while (state.entries.length > 0 && entries_bytes(state.entries) > maxBytes) {
      evicted.push({ entry: state.entries.splice(victims(), 1)[0], reason: 'max_bytes' });
    }
    const done = Object.entries(state.done).filter(([, at]) => t - at <= maxAge);
    done.sort((a, b) => a[1] - b[1]);
    state.done = Object.fromEntries(done.slice(-DONE_MAX));
    return evicted;
  }

  return {
    /**
     * Queues a version of a response. The latest version per responseId wins, except that a
     * `partial` never replaces a `complete` (queued or already acknowledged).
     * @param {object & { responseId: string, status: string }} payload
     * @param {string} owner
     * @returns {{ queued: boolean, reason?: 'downgrade', evicted: Eviction[] }} queued: false when refused, or
     *   evicted at once by the bounds
     */
    put(payload, owner) {
      const state = read();
      const t = now();
      const id = payload.responseId;
      const status = payload.status === 'complete' ? 'complete' : 'partial';
      if (status === 'partial' && id in state.done) return { queued: false, reason: 'downgrade', evicted: [] };
      const at = state.entries.findIndex((e) => e.id === id);
      const old = at >= 0 ? state.entries[at] : null;
      if (old && old.status === 'complete' && status === 'partial') {
        return { queued: false, reason: 'downgrade', evicted: [] };
      }
      let bytes = 0;
      try {
        bytes = toJson(payload).length;
      } catch (_) {
        bytes = Infinity;
      }
      /** @type {OutboxEntry} */
      const entry = {
        id,
        rev: old ? old.rev + 1 : 1,
        status,
        payload,
        bytes,
        createdAt: old ? old.createdAt : t,
        updatedAt: t,
        owner,
        sending: null,
      };
      if (old) state.entries.splice(at, 1);
      // A new version of a response that already waited keeps its place: order by first queueing.
      const pos = state.entries.findIndex((e) => e.createdAt > entry.createdAt);
      if (pos < 0) state.entries.push(entry);
      else state.entries.splice(pos, 0, entry);
      const evicted = enforce(state, id);
      write(state);
      return { queued: evicted.every((e) => e.entry !== entry), evicted };
    },

    /**
     * Current state after applying the bounds (age may expire entries while the page sleeps).
     * @returns {{ state: OutboxState, evicted: Eviction[] }}
     */
    load() {
      const state = read();
      const evicted = enforce(state);
      if (evicted.length) write(state);
      return { state, evicted };
    },

    /**
     * Records that a request for a version is going out (its outcome unknown until an answer is
     * read), or clears the record with `until` = 0 once an HTTP answer says what happened. The
     * unload path leaves a version with an unknown outcome to the normal path (see `sending`).
     * No-op if that version was replaced meanwhile.
     * @param {string} id @param {number} rev @param {string} owner @param {number} until
     * @param {boolean} [keepalive] whether the request survives the page's unload
     * @returns {boolean} whether the entry (that version) is still there
     */
    mark(id, rev, owner, until, keepalive = false) {
      const state = read();
      const e = state.entries.find((x) => x.id === id && x.rev === rev);
      if (!e) return false;
      const next = until > 0 ? { owner, rev, until, keepalive: keepalive === true } : null;
      if (!next && !e.sending) return true;
      e.sending = next;
      write(state);
      return true;
    },

    /**
     * Removes a version once the endpoint acknowledged it (2xx) or refused it for good (4xx).
     * A newer version queued meanwhile stays, with its in-flight mark cleared.
     * @param {string} id @param {number} rev
     * @param {boolean} acked true for a 2xx: a complete version is then remembered in `done`
     * @param {'partial' | 'complete'} status the status of the version that was sent
     */
    settle(id, rev, acked, status) {
      const state = read();
      const at = state.entries.findIndex((x) => x.id === id);
      if (at >= 0) {
        const e = state.entries[at];
        if (e.rev === rev) state.entries.splice(at, 1);
        else if (e.rev > rev && e.sending && e.sending.rev === rev) e.sending = null;
      }
      if (acked && status === 'complete') {
        state.done[id] = now();
        // A partial queued after its complete was acknowledged must not go out.
        state.entries = state.entries.filter((x) => !(x.id === id && x.status === 'partial'));
      }
      enforce(state);
      write(state);
    },

    /**
     * Sets the endpoint-wide retry state (shared by every tab).
     * @param {{ attempt: number, notBefore: number, hard: boolean }} retry
     */
    setRetry(retry) {
      const state = read();
      state.retry = { attempt: retry.attempt, notBefore: retry.notBefore, hard: retry.hard };
      write(state);
    },

    /**
     * Takes over the entries of another outbox (a closed tab's), keeping their age, then applies
     * the bounds. An entry already here in the same or a later state wins.
     * @param {OutboxState} other
     * @param {string} owner
     * @returns {Eviction[]} what the bounds dropped
     */
    adopt(other, owner) {
      const state = read();
      for (const [id, at] of Object.entries(other.done)) if (!(id in state.done)) state.done[id] = at;
      for (const e of other.entries) {
        if (e.status === 'partial' && e.id in state.done) continue;
        const at = state.entries.findIndex((x) => x.id === e.id);
        if (at >= 0 && (state.entries[at].status === 'complete' || e.status === 'partial')) continue;
        // Keep revisions increasing so an acknowledgement of the replaced version cannot remove this one.
        const rev = at >= 0 ? Math.max(e.rev, state.entries[at].rev + 1) : e.rev;
        if (at >= 0) state.entries.splice(at, 1);
        state.entries.push({ ...e, rev, owner, sending: null });
      }
      state.entries.sort((a, b) => a.createdAt - b.createdAt);
      const evicted = enforce(state);
      write(state);
      return evicted;
    },

    /** Deletes the whole document (after its entries were adopted). */
    clear() {
      storage.remove(KEY);
    },
  };
}

/**
 * @param {OutboxEntry[]} entries
 * @returns {number}
 */
function entries_bytes(entries) {
  let n = 0;
  for (const e of entries) n += e.bytes + 200; // 200: the entry's own fields, generously
  return n;
}

/**
 * @param {any} e
 * @returns {boolean}
 */
function valid_entry(e) {
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    Number.isInteger(e.rev) &&
    (e.status === 'partial' || e.status === 'complete') &&
    !!e.payload &&
    typeof e.payload === 'object' &&
    typeof e.bytes === 'number' &&
    typeof e.createdAt === 'number' &&
    typeof e.updatedAt === 'number'
  );
}
