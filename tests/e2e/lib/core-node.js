// The real wasm core under Node (wasmBinary, DESIGN.md), to check payloads the browser produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadCore, validatePayload } from '../../../js/core.js';
import { ROOT } from './browser.js';

/**
 * Validates a payload against a survey fixture with the core's `_validatePayload`.
 * @param {object} payload
 * @param {string} surveyFile path under the repository
 */
export async function checkPayload(payload, surveyFile) {
  const Module = await loadCore({ wasmBinary: tools_binary(), factory: createRequire(import.meta.url)(join(ROOT, 'dist/pepite-tools.cjs')) });
  return validatePayload(Module, JSON.stringify(payload), readFileSync(join(ROOT, surveyFile), 'utf8'));
}

/** @type {Uint8Array | null} one buffer, so js/core.js loads the tools build once */
let tools_bytes = null;
function tools_binary() {
  if (!tools_bytes) tools_bytes = readFileSync(join(ROOT, 'dist/pepite-tools.wasm'));
  return tools_bytes;
}
