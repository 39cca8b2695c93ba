// Benchmark of the core in wasm under Node (not a test): the same two measures as core_bench.cpp.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCore } from '../tests/wasm/load-core.js';

const definition = readFileSync(new URL('./five-questions.json', import.meta.url), 'utf8');
const options = JSON.stringify({
  locale: 'fr-CA', responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 1764100000000,
  pageUrl: 'https://shop.example/merci', properties: { orderId: 'A-10023' },
});

function medianMs(runs, f) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    f();
    t.push(performance.now() - a);
  }
  t.sort((x, y) => x - y);
  return t[t.length >> 1];
}

const core = await loadCore();
const startMs = medianMs(2000, () => {
  const h = core._sessionCreate(definition, options);
  core._sessionView(h);
  core._sessionDelete(h);
});
const s = core._sessionCreate(definition, options);
const act = (/** @type {object} */ a) => core._sessionAct(s, JSON.stringify(a));
act({ type: 'answer', question: 'nps', value: 3, at: 1764100002000 });
act({ type: 'answer', question: 'wrong', value: ['late', 'other'], otherText: 'carton ouvert', at: 1764100004000 });
act({ type: 'answer', question: 'comment', value: 'Colis arrivé abîmé, personne au service client.', at: 1764100009000 });
act({ type: 'submit', at: 1764100010000 });
const payloadMs = medianMs(2000, () => core._validatePayload(core._sessionPayload(s), definition));
core._sessionDelete(s);
console.log(`wasm (node ${process.version}): validate definition + first view: ${(startMs * 1000).toFixed(1)} us (median of 2000)`);
console.log(`wasm (node ${process.version}): build + validate complete payload: ${(payloadMs * 1000).toFixed(1)} us (median of 2000)`);
console.log('budget: under 1000 us each in wasm');
