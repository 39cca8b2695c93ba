// Default wasm URL of the ES module build: pepite-core.wasm next to the bundle (import.meta.url).

import { WASM_FILE } from './constants.js';
import { setDefaultWasmUrl } from './widget.js';

try {
  setDefaultWasmUrl(new URL(WASM_FILE, import.meta.url).href);
} catch (_) {
  // import.meta.url is not a URL (some bundlers): init({ wasmUrl }) is then needed.
}
