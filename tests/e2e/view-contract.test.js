// The view contract, both ways (issue 15): every field the renderers read is one the core emits,
// and every field the core emits is read by a renderer or the widget. The views are those the real
// core (pepite-tools) gives along every engine vector (all fixture surveys, locales, steps, errors,
// thank-you screens); js/render/card.js draws each in Chromium through a Proxy that records reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { toJson } from '../../js/json.js';
import { analysisAction, loadText } from '../../js/text.js';
import { fixture, loadCore } from '../wasm/load-core.js';
import { ensureDist } from './lib/dist.js';
import { setup } from './lib/browser.js';

ensureDist('dist');

/** Fields the widget itself reads (js/widget*.js, js/text.js), not the renderers: checked below in its source. */
const WIDGET_READS = { state: /view && view\.state/, surveyId: /view\.surveyId/, analysis: /view\.analysis/, uiPack: /view\.uiPack/ };
/**
 * Fields of the view contract that js/ does not draw, kept for other shells (docs/contracts.md)
 * and asserted by the engine vectors. Each must still be emitted (the list cannot go stale).
 */
const NOT_DRAWN = ['responseId', 'thankYou.outcome', 'thankYou.link.kind', 'questions[].error.code', 'callback.error.code'];

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

/** The views of every engine vector, in order, one list per vector. */
async function vector_views() {
  const core = await loadCore();
  const analyse = await loadText({ binary: readFileSync(new URL('../../dist/pepite-text.wasm', import.meta.url)) });
  const out = [];
  for (const v of JSON.parse(fixture('vectors/engine.json'))) {
    const definition = v.survey ? fixture(`surveys/${v.survey}`) : v.definitionText ?? JSON.stringify(v.definition);
    const session = core._sessionCreate(definition, JSON.stringify(v.options));
    const start = JSON.parse(core._sessionStart(session));
    if (!start.ok) {
      core._sessionDelete(session);
      continue;
    }
    const views = [start.view];
    for (const step of v.steps ?? []) {
      const view = JSON.parse(core._sessionView(session));
      const action = step.analyse ? toJson(analysisAction(analyse, view.analysis)) : step.actionText ?? JSON.stringify(step.action);
      const r = JSON.parse(core._sessionAct(session, action));
      if (r.view) views.push(r.view);
    }
    core._sessionDelete(session);
    out.push({ name: v.name, views });
  }
  return out;
}

/**
 * Every field path in a view: `questions[].options[].label`. `ui` (a map of strings) and
 * `analysis` (the request js/text.js hands whole to pepite-text.wasm) are one path each.
 * @param {unknown} value @param {string} path @param {Set<string>} into
 */
function paths(value, path, into) {
  if (path) into.add(path);
  if (path === 'ui' || path === 'analysis' || value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const item of value) paths(item, path + '[]', into);
    return into;
  }
  for (const [k, v] of Object.entries(value)) paths(v, path ? `${path}.${k}` : k, into);
  return into;
}

test('the renderers read exactly the view fields the core emits', async () => {
  const vectors = await vector_views();
  assert.ok(vectors.length >= 30, 'the engine vectors gave views');
  const emitted = new Set();
  for (const v of vectors) for (const view of v.views) paths(view, '', emitted);

  const page = await env.browser.newPage();
  try {
    await page.goto(env.server.url + '/tests/e2e/pages/plain.html?manual=1');
    const read = await page.evaluate(async (list) => {
      const { createCard } = await import('/js/render/card.js');
      /** @type {Set<string>} */
      const seen = new Set();
      /** Records each field read, through nested objects and arrays (`[]` for an index). */
      const watch = (/** @type {any} */ target, /** @type {string} */ path) =>
        new Proxy(target, {
          get(t, key, receiver) {
            const value = Reflect.get(t, key, receiver);
            if (typeof key !== 'string') return value;
            const index = Array.isArray(t) && /^\d+$/.test(key);
            if (Array.isArray(t) && !index) return value;
            const at = index ? path + '[]' : path ? `${path}.${key}` : key;
            seen.add(at);
            return value !== null && typeof value === 'object' && at !== 'ui' ? watch(value, at) : value;
          },
          has(t, key) {
            if (typeof key === 'string' && !Array.isArray(t)) seen.add(path ? `${path}.${key}` : key);
            return Reflect.has(t, key);
          },
        });
      const timers = { later: (/** @type {Function} */ fn, /** @type {number} */ ms) => setTimeout(fn, ms), clearTimer: (/** @type {number} */ id) => clearTimeout(id), now: () => Date.now(), debounceMs: 250 };
      for (const { views } of list) {
        const host = document.createElement('div');
        document.body.append(host);
        const root = host.attachShadow({ mode: 'open' });
        const card = createCard(root, { position: 'inline', scheme: 'light', modal: false }, { act() {}, close() {}, submit() {} }, timers);
        root.append(card.el);
        for (const view of views) card.render(watch(view, ''));
        card.flush();
        host.remove();
      }
      return [...seen];
    }, vectors);

    // The widget's files (issue 15 split js/widget.js by responsibility).
    const js = new URL('../../js/', import.meta.url);
    const widget_source = readdirSync(js).filter((f) => /^widget.*\.js$/.test(f)).map((f) => readFileSync(new URL(f, js), 'utf8')).join('\n');
    for (const [field, pattern] of Object.entries(WIDGET_READS)) assert.match(widget_source, pattern, `js/widget*.js reads view.${field}`);
    for (const field of NOT_DRAWN) assert.ok(emitted.has(field), `${field} is still emitted`);
    const used = new Set([...read, ...Object.keys(WIDGET_READS), ...NOT_DRAWN]);
    const phantom = read.filter((p) => !emitted.has(p)).sort();
    const unread = [...emitted].filter((p) => !used.has(p)).sort();
    assert.deepEqual(phantom, [], 'renderers read fields the core never emits');
    assert.deepEqual(unread, [], 'the core emits fields nobody reads');
  } finally {
    await page.close();
  }
});
