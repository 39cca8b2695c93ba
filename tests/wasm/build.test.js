// Properties of the wasm build itself: memory budget, CSP-safe glue, the bound API's shape.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { loadCore } from './load-core.js';

const glue = readFileSync(new URL('../../dist/pepite-core.cjs', import.meta.url), 'utf8');

test('linear memory starts at most at 2 MB (issue 4 budget) and can grow', async () => {
  const core = await loadCore();
  assert.ok((await loadCore('pepite-core')).HEAPU8.length <= 2 * 1024 * 1024);
  assert.ok(core.HEAPU8.length <= 2 * 1024 * 1024, `initial memory ${core.HEAPU8.length}`);
  // A 4 MB definition text must not fail for lack of memory: growth is allowed (the core
  // refuses it as too large, which is the point).
  const report = JSON.parse(core._validateDefinition('"' + 'x'.repeat(4 * 1024 * 1024) + '"'));
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].code, 'definition.too_large');
});

test('the glue never builds code at run time (strict CSP without unsafe-eval)', () => {
  assert.doesNotMatch(glue, /new Function\(/);
  assert.doesNotMatch(glue, /\beval\(/);
});

test('the raw bindings are the documented ones', async () => {
  const tools = await loadCore('pepite-tools');
  for (const name of ['_sessionCreate', '_sessionStart', '_sessionAct', '_sessionView', '_sessionPayload', '_sessionDelete', '_validateDefinition', '_validatePayload', '_redact', '_analyseComment']) {
    assert.equal(typeof tools[name], 'function', name);
  }
  // What shoppers download binds the session alone (the validators cost 7.5 KB gzip).
  const shopper = await loadCore('pepite-core');
  assert.equal(typeof shopper._sessionCreate, 'function');
  for (const name of ['_validateDefinition', '_validatePayload', '_redact', '_analyseComment']) {
    assert.equal(shopper[name], undefined, name);
  }
});

test('the shopper build checks a definition as its session starts', async () => {
  const shopper = await loadCore('pepite-core');
  const s = shopper._sessionCreate('{"schema":"pepite.survey/1","id":"x","questions":[]}', '{}');
  const report = JSON.parse(shopper._sessionStart(s));
  assert.equal(report.ok, false);
  assert.ok(report.errors.some((e) => e.code.startsWith('definition.')), JSON.stringify(report.errors));
  shopper._sessionDelete(s);
});

test('a session answers JSON even for garbage input; deleted, its handle answers session.destroyed', async () => {
  const core = await loadCore();
  const s = core._sessionCreate('not json', '{}');
  const report = JSON.parse(core._sessionStart(s));
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].code, 'definition.not_json');
  const r = JSON.parse(core._sessionAct(s, '{"type":"answer","question":"nps","value":3}'));
  assert.equal(r.ok, false);
  core._sessionDelete(s);
  assert.equal(JSON.parse(core._sessionAct(s, '{"type":"submit"}')).errors[0].code, 'session.destroyed');
  assert.equal(core._sessionView(s), 'null');
  core._sessionDelete(s); // twice is harmless
  // Unknown handles too, and a freed slot is reused.
  for (const h of [0, -1, 1e6]) assert.equal(JSON.parse(core._sessionStart(h)).errors[0].code, 'session.destroyed');
  const again = core._sessionCreate('{}', '{}');
  assert.equal(again, s, 'the freed slot is reused');
  core._sessionDelete(again);
});

test('what shoppers download to see the card fits in 80 KB gzip (issue 4 budget)', () => {
  // Deterministic, so a test; the timing budgets are measured by `npm run bench` instead.
  const dist = new URL('../../dist/', import.meta.url);
  const gz = (/** @type {string} */ f) => gzipSync(readFileSync(new URL(f, dist)), { level: 9 }).length;
  const card = gz('pepite.js') + gz('pepite-core.wasm');
  assert.ok(card <= 81920, `pepite.js + pepite-core.wasm = ${card} bytes gzip`);
  // A shopper whose language is not built in also downloads its UI strings (issue 20).
  for (const l of ['de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'ar', 'he']) {
    const total = card + gz(`pepite-ui-${l}.txt`);
    assert.ok(total <= 81920, `pepite.js + pepite-core.wasm + pepite-ui-${l}.txt = ${total} bytes gzip`);
  }
});

test('what comes before the first card is drawn fits in 35 KB gzip (issue 19 budget)', () => {
  // pepite.js and the definition carrying its first view: the card is drawn from them while
  // pepite-core.wasm still loads. The largest fixture survey in any of its languages, with the
  // one view of that language, as the collector answers it and `pepite-check --first-view
  // --locale <l>` writes it (one file per language: twelve views in one file are 7.4 KB gzip).
  const root = new URL('../../', import.meta.url);
  const check = [process.env.PEPITE_CHECK, fileURLToPath(new URL('build/native/pepite-check', root))].find((p) => p && existsSync(p));
  assert.ok(check, 'pepite-check not built (cmake --build build/native --target pepite-check)');
  const gz = (/** @type {string | Buffer} */ b) => gzipSync(b, { level: 9 }).length;
  const script = gz(readFileSync(new URL('dist/pepite.js', root)));
  let definition = 0;
  const dir = new URL('tests/fixtures/surveys/', root);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const def = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    for (const locale of new Set([def.defaultLocale, ...(def.locales || [])])) {
      const r = spawnSync(/** @type {string} */ (check), ['--first-view', '--locale', locale, fileURLToPath(new URL(f, dir))], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      definition = Math.max(definition, gz(r.stdout));
    }
  }
  assert.ok(definition > 500, `${definition}`);
  assert.ok(script + definition <= 35 * 1024, `pepite.js ${script} + definition with its first views ${definition} bytes gzip`);
});

test("pepite.js opens with Chromium's compile hint: its functions compile off the main thread (issue 19)", () => {
  // scripts/build-js.mjs writes it after the minifier; it must be the file's first line.
  assert.ok(readFileSync(new URL('../../dist/pepite.js', import.meta.url), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'));
});

test('the comment analysis is in pepite-text.wasm, not in the core shoppers download first', () => {
  const core = readFileSync(new URL('../../dist/pepite-core.wasm', import.meta.url));
  const text = readFileSync(new URL('../../dist/pepite-text.wasm', import.meta.url));
  // Lexicon words and placeholders of the redaction and the topic tagger.
  for (const marker of ['arobase', '[iban]', 'colis perdu']) {
    assert.equal(core.includes(marker), false, `pepite-core.wasm holds "${marker}"`);
    assert.equal(text.includes(marker), true, `pepite-text.wasm lacks "${marker}"`);
  }
  // js/text.js instantiates it without Emscripten glue: these are all the imports it provides.
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(text)).map((i) => `${i.module}.${i.name}`);
  assert.deepEqual(imports.sort(), ['env.emscripten_notify_memory_growth', 'wasi_snapshot_preview1.proc_exit']);
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(text)).map((e) => e.name);
  for (const name of ['memory', '_initialize', 'malloc', 'free', 'pepite_text_analyse']) assert.ok(exports.includes(name), name);
});

test("printf is not in the shopper's core: Embind's type names (sprintf \"%p\") come from wasm/bindings.cpp", async () => {
  const bytes = readFileSync(new URL('../../dist/pepite-core.wasm', import.meta.url));
  // musl's printf_core carries these texts (the sign/prefix table and the %s of a null pointer).
  for (const marker of ['-+   0X0x', '(null)']) assert.equal(bytes.includes(marker), false, `pepite-core.wasm holds "${marker}"`);
  // The one caller, Embind naming an unbound type by its address, still gets musl's text.
  for (const build of /** @type {const} */ (['pepite-core', 'pepite-tools'])) {
    const core = await loadCore(build);
    for (const [address, text] of [[0x1f40, '0x1f40'], [0, '0x0'], [0xfedcba98, '0xfedcba98']]) {
      const at = core.___getTypeName(address);
      const end = core.HEAPU8.indexOf(0, at);
      assert.equal(Buffer.from(core.HEAPU8.subarray(at, end)).toString('latin1'), text);
      core._free(at);
    }
  }
});
