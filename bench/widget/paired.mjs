// Ready time read per round (issue 19): the shared harness loads every page once per round, in a
// rotating order, so a page's load and the blank page's load of the same round saw the same
// machine. Their difference, averaged over the rounds, with its standard error, says how sure a
// ratio is; one median of 20 loads moved Formbricks' extra from +140 to +208 ms at 4× CPU between
// two identical runs (docs/benchmarks.md, "Sixth session").

/**
 * Mean and standard error of `label`'s ready time minus `base`'s, round by round (failed loads
 * of either left out).
 * @param {Record<string, Array<{ ok?: boolean, readyMs: number }>>} samples the harness's `samples`
 * @param {string} label @param {string} base
 * @returns {{ n: number, mean: number, se: number, diffs: number[] }}
 */
export function pairedExtra(samples, label, base) {
  const a = samples[label] || [];
  const b = samples[base] || [];
  /** @type {number[]} */
  const diffs = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i].ok === false || b[i].ok === false || !Number.isFinite(a[i].readyMs) || !Number.isFinite(b[i].readyMs)) continue;
    diffs.push(a[i].readyMs - b[i].readyMs);
  }
  const n = diffs.length;
  const mean = n ? diffs.reduce((s, x) => s + x, 0) / n : NaN;
  const se = n > 1 ? Math.sqrt(diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) / n) : NaN;
  return { n, mean, se, diffs };
}

/**
 * The ratio of two paired extras (ours over the peer's), with a rough 95 % range from their
 * standard errors (first-order, treating the two as independent).
 * @param {{ mean: number, se: number }} ours @param {{ mean: number, se: number }} peer
 * @returns {{ ratio: number, low: number, high: number }}
 */
export function ratioRange(ours, peer) {
  const ratio = ours.mean / peer.mean;
  const rel = Math.sqrt((ours.se / ours.mean) ** 2 + (peer.se / peer.mean) ** 2);
  return { ratio, low: ratio * (1 - 1.96 * rel), high: ratio * (1 + 1.96 * rel) };
}

/**
 * How the harness read each load of a page: `mutation` / `frame` / `domcontentloaded` (its
 * selector matched a visible element) or `mark` (it heard `widget-ready`); failed loads as `none`.
 * @param {Record<string, Array<{ ok?: boolean, readyBy?: string | null }>>} samples the harness's `samples`
 * @param {string} label
 * @returns {Record<string, number>}
 */
export function readBy(samples, label) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const s of samples[label] || []) {
    const how = s.ok === false || !s.readyBy ? 'none' : s.readyBy;
    counts[how] = (counts[how] || 0) + 1;
  }
  return counts;
}
