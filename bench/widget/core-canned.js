// Bench only (bench/widget-parts.mjs): stands in for js/core.js in two builds of pepite.js that
// take one part of the work away, to show what each part costs on the way to the first question.
// The view is the one the real core gave for the same survey and options (computed under Node
// before the run), so the card drawn is the same.
//   no-core-work: pepite-core.wasm is downloaded, compiled and instantiated as usual; the session
//                 answers the canned view instead of running (no definition parsing, no lazy
//                 compilation of the session's wasm functions).
//   no-wasm:      no download at all; the canned view comes at once.
import { loadCore as load_real } from '../../js/core.js';

/* global __PEPITE_BENCH_MODE__, __PEPITE_BENCH_START__ */
const MODE = /** @type {string} */ (__PEPITE_BENCH_MODE__);
const START = /** @type {string} */ (__PEPITE_BENCH_START__);

/** @param {any} where */
export function loadCore(where) {
  return MODE === 'no-wasm' ? Promise.resolve({}) : load_real(where);
}

/** The real session's start report, parsed like js/core.js parses the core's answer. */
export function createSession() {
  const report = JSON.parse(START);
  return { start: () => report, act: () => report, view: () => report.view, payload: () => null, destroy() {} };
}
