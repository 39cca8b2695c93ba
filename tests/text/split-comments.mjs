// Splits the labelled comments into a development part and a frozen test part (seeded, run once).
// Usage: node tests/text/split-comments.mjs  (rewrites tests/fixtures/text/comments-{dev,test}.tsv)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'text');
const SEED = 'pepite-issue-7';
const TEST_PERCENT = 40;

/**
 * FNV-1a 32-bit hash of a string (UTF-8 bytes).
 * @param {string} s
 * @returns {number}
 */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const header = 'id\tlang\ttopics\ttext';
const dev = [header];
const test = [header];
for (const lang of ['fr', 'en']) {
  const lines = readFileSync(join(dir, `comments-${lang}.tsv`), 'utf8').split('\n').filter(Boolean);
  lines.forEach((line, i) => {
    const [l, topics, text] = line.split('\t');
    if (l !== lang || !topics || !text) throw new Error(`bad line ${lang}:${i + 1}`);
    const row = `${lang}-${String(i + 1).padStart(3, '0')}\t${l}\t${topics}\t${text}`;
    (fnv1a(`${SEED}:${lang}:${text}`) % 100 < TEST_PERCENT ? test : dev).push(row);
  });
}
writeFileSync(join(dir, 'comments-dev.tsv'), dev.join('\n') + '\n');
writeFileSync(join(dir, 'comments-test.tsv'), test.join('\n') + '\n');
console.log(`dev ${dev.length - 1}, test ${test.length - 1}`);
