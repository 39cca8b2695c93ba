// Entry of the ES module build (dist/pepite.mjs): re-exports only.

export { init, createWidget, setDefaultWasmUrl } from './widget.js';
export { createCommand } from './queue.js';
export { VERSION as version } from './constants.js';
