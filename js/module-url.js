// Default wasm URLs of the ES module build, next to the module (import.meta.url). Written as
// literal `new URL('./file', import.meta.url)` so that bundlers that follow that pattern (Vite,
// webpack 5, Parcel) copy the two files into their output and rewrite the URLs.

import { setDefaultTextWasmUrl, setDefaultWasmUrl } from './widget.js';

try {
  setDefaultWasmUrl(new URL('./pepite-core.wasm', import.meta.url).href);
  setDefaultTextWasmUrl(new URL('./pepite-text.wasm', import.meta.url).href);
} catch (_) {
  // import.meta.url is not a URL (some bundlers): init({ wasmUrl }) is then needed.
}
