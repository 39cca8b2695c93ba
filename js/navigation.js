// Tells when a single-page app navigates, without patching history methods.

/**
 * Calls `fn` on every same-document or cross-document navigation the page can observe: the
 * Navigation API's `navigate` event when present (it covers pushState/replaceState), else
 * `popstate` and `hashchange`. Patching history.pushState would change the host's functions, so
 * where the Navigation API is missing a pushState is caught by comparing `location.href` when
 * a delayed show fires (see widget.js).
 * @param {() => void} fn
 * @returns {() => void} removes the listeners
 */
export function onNavigate(fn) {
  const nav = /** @type {any} */ (globalThis).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('navigate', fn);
    return () => nav.removeEventListener('navigate', fn);
  }
  window.addEventListener('popstate', fn);
  window.addEventListener('hashchange', fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener('hashchange', fn);
  };
}
