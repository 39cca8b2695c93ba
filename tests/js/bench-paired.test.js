// bench/widget/paired.mjs: the ready time read round by round against the blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedExtra, ratioRange, readBy } from '../../bench/widget/paired.mjs';

test('paired extra: differences per round, failed loads left out, mean and standard error', () => {
  const samples = {
    blank: [{ readyMs: 40 }, { readyMs: 60 }, { readyMs: 50 }, { readyMs: 45 }],
    card: [{ readyMs: 90 }, { readyMs: 114 }, { ok: false, readyMs: NaN }, { readyMs: 91 }],
  };
  const p = pairedExtra(samples, 'card', 'blank');
  assert.deepEqual(p.diffs, [50, 54, 46]);
  assert.equal(p.n, 3);
  assert.equal(p.mean, 50);
  // sample standard deviation 4, over √3
  assert.ok(Math.abs(p.se - 4 / Math.sqrt(3)) < 1e-9, String(p.se));
  assert.equal(pairedExtra(samples, 'missing', 'blank').n, 0);
});

test('ratio range: exact ratio, wider with larger errors', () => {
  const tight = ratioRange({ mean: 40, se: 1 }, { mean: 50, se: 1 });
  assert.equal(tight.ratio, 0.8);
  assert.ok(tight.low < 0.8 && tight.high > 0.8);
  const loose = ratioRange({ mean: 40, se: 5 }, { mean: 50, se: 5 });
  assert.ok(loose.high - loose.low > tight.high - tight.low);
});

test('read by: how each load of a page was read, failed loads as none', () => {
  const samples = {
    seen: [{ readyBy: 'mutation' }, { readyBy: 'frame' }, { readyBy: 'mutation' }, { ok: false, readyBy: null }],
    marked: [{ readyBy: 'mark' }, { readyBy: 'mark' }],
  };
  assert.deepEqual(readBy(samples, 'seen'), { mutation: 2, frame: 1, none: 1 });
  assert.deepEqual(readBy(samples, 'marked'), { mark: 2 });
  assert.deepEqual(readBy(samples, 'missing'), {});
});
