// Tells when a single-page app navigates, without patching history methods.

/**
 * Calls `fn(url)` with the destination of every navigation the page can observe: the Navigation
 * API's `navigate` event when present (it covers pushState/replaceState), else `popstate` and
 * `hashchange` (the address after the event). Patching history.pushState would change the
 * host's functions, so where the Navigation API is missing a pushState is caught by comparing
 * the address when a delayed show fires (see widget.js).
 * @param {(url: string) => void} fn
 * @returns {() => void} removes the listeners
 */
export function onNavigate(fn) {
  const nav = /** @type {any} */ (globalThis).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    const on_navigate = (/** @type {any} */ e) => fn(String((e && e.destination && e.destination.url) || location.href));
    nav.addEventListener('navigate', on_navigate);
    return () => nav.removeEventListener('navigate', on_navigate);
  }
  const on_change = () => fn(location.href);
  window.addEventListener('popstate', on_change);
  window.addEventListener('hashchange', on_change);
  return () => {
    window.removeEventListener('popstate', on_change);
    window.removeEventListener('hashchange', on_change);
  };
}

/**
 * Watches whether the page moves on from the one at `url`: a single-page app's pushState to
 * another path, not an anchor or a router re-writing the same address. Where the Navigation API
 * is missing, a pushState is seen only by the address when `left()` is asked.
 * @param {string} url the address of the page the card is for
 * @param {() => void} moved called when a navigation away is seen
 * @returns {{ left: () => boolean, stop: () => void }}
 */
export function watchPage(url, moved) {
  const start = pageOf(url);
  let gone = false;
  const stop = onNavigate((to) => {
    if (pageOf(to) === start) return;
    gone = true;
    moved();
  });
  return { left: () => gone || pageOf(location.href) !== start, stop };
}

/**
 * The address the document was loaded at, when the script at `src` was requested while its HTML was
 * parsed (a script tag, or one a script of the page added early): the page its queued calls were
 * made for, even if a single-page app has moved on with pushState before the script ran (issue
 * 20). Else, or without the timing entries, '' (the address at the call is the page).
 * @param {string} src
 * @returns {string}
 */
export function parsedPage(src) {
  try {
    const [doc] = /** @type {PerformanceNavigationTiming[]} */ (performance.getEntriesByType('navigation'));
    const [me] = performance.getEntriesByName(src);
    return doc && me && me.startTime < (doc.domInteractive || Infinity) ? doc.name : '';
  } catch (_) {
    return '';
  }
}

/**
 * The page an address shows: without its #fragment (an in-page anchor or a router re-writing
 * the same address is not leaving the page).
 * @param {string} url
 */
export function pageOf(url) {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
