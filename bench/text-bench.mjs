// Benchmark (not a test): the comment analysis as the browser runs it — js/text.js sending a
// 1,000-character comment to pepite-text.wasm (issue 7 budget: under 1 ms), under Node's V8.
import { readFileSync } from 'node:fs';
import { loadText } from '../js/text.js';

const sentence =
  'Bonjour, colis arrivé avec 10 jours de retard et l’emballage était déchiré ; il manque ' +
  'un article. Rappelez-moi au 06 12 34 56 78 ou écrivez à jean.dupont@gmail.com, sinon ' +
  'je contacte un avocat !!! Remboursez-moi sur FR76 3000 6000 0112 3456 7890 189. ';
let comment = '';
while (Array.from(comment).length < 1000) comment += sentence;
comment = Array.from(comment).slice(0, 1000).join('');
const request = JSON.stringify({ texts: [comment], redaction: { orderMasks: ['CMD-########'] }, topics: {} });

const t0 = performance.now();
const analyse = await loadText({ binary: readFileSync(new URL('../dist/pepite-text.wasm', import.meta.url)) });
const t1 = performance.now();
const first = analyse(request);
const t2 = performance.now();
for (let i = 0; i < 200; i++) analyse(request);
const rounds = 2000;
const t3 = performance.now();
for (let i = 0; i < rounds; i++) analyse(request);
const t4 = performance.now();
const out = JSON.parse(first);
console.log(`pepite-text.wasm: load ${(t1 - t0).toFixed(1)} ms, first call ${(t2 - t1).toFixed(2)} ms, then ${((t4 - t3) * 1000 / rounds).toFixed(0)} us per call`);
console.log(`  comment of ${Array.from(comment).length} characters, ${new TextEncoder().encode(comment).length} bytes (JSON in and out included); found ${JSON.stringify(out.counts)}, topics ${out.topics.join(',')}, urgency ${out.urgency.join(',')}`);
