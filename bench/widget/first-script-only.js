// Bench only (bench/widget-parts.mjs, issue 19): stands in for js/core.js and js/delivery.js in
// the build `first-script-only`, the first script a split pepite.js could send: what draws a
// precomputed first view (config, the early card, styles, render) and nothing else. No Emscripten
// glue, no delivery, no outbox: the core never arrives (nor its wasm download), so the card's
// ready time of this build bounds from below what any split of pepite.js could reach.

/** The core would come with the second script: never, here. */
export function loadCore() {
  return new Promise(() => {});
}

/** Never called: no core, no session. */
export function createSession() {
  throw new Error('first-script-only: no core in this build');
}

/** Delivery would come with the second script. */
export function createDelivery() {
  return { flush() {}, send() {}, destroy() {} };
}
