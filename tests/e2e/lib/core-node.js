// The real wasm core under Node (wasmBinary, docs/architecture.md), to check payloads the browser produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createSession, loadCore, validatePayload } from '../../../js/core.js';
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

/**
 * The texts of a UI language by key, as the build wrote them in dist/pepite-ui-<language>.txt
 * (one per line, in the order of the view's `ui` keys, issue 20).
 * @param {string} language
 * @returns {Promise<Record<string, string>>}
 */
export async function uiTexts(language) {
  const Module = await loadCore({ wasmBinary: tools_binary(), factory: createRequire(import.meta.url)(join(ROOT, 'dist/pepite-tools.cjs')) });
  const session = createSession(Module, JSON.stringify({ schema: 'pepite.survey/1', id: 's', defaultLocale: 'en', questions: [{ id: 'q', type: 'nps', text: 'Q?' }] }), { responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 0 });
  const keys = Object.keys(session.start().view.ui);
  session.destroy();
  const lines = readFileSync(join(ROOT, 'dist', `pepite-ui-${language}.txt`), 'utf8').trimEnd().split('\n');
  return Object.fromEntries(keys.map((k, i) => [k, lines[i]]));
}
