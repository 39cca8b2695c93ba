// The real wasm core under Node (wasmBinary, DESIGN.md), to check payloads the browser produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore, validatePayload } from '../../../js/core.js';
import { ROOT } from './browser.js';

/**
 * Validates a payload against a survey fixture with the core's `_validatePayload`.
 * @param {object} payload
 * @param {string} surveyFile path under the repository
 */
export async function checkPayload(payload, surveyFile) {
  const Module = await loadCore({ wasmBinary: readFileSync(join(ROOT, 'dist/pepite-core.wasm')) });
  return validatePayload(Module, JSON.stringify(payload), readFileSync(join(ROOT, surveyFile), 'utf8'));
}
