// One load per source (URL or bytes), forgotten when it fails so that a later call may retry.

/**
 * @template T
 * @param {Map<unknown, Promise<T>>} loads
 * @param {unknown} key
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
export function loadOnce(loads, key, start) {
  let p = loads.get(key);
  if (!p) {
    p = start();
    loads.set(key, p);
    p.catch(() => loads.delete(key));
  }
  return p;
}
