// The dashboard's SVG charts: the NPS distribution (0 to 10) and the NPS by day, drawn at their
// width in CSS pixels and drawn again when it changes.

import { byId, svg } from './dom.js';
import { fmt1, lang } from './i18n.js';

/**
 * The charts' width in CSS pixels. The SVGs are drawn at that width (one unit a pixel) rather
 * than scaled from a fixed viewBox, which shrank 12 px labels to 5 px on a phone.
 */
function chartWidth() {
  return Math.max(240, Math.round(byId('pd-distribution').clientWidth) || 660);
}

/**
 * @param {number[]} counts NPS answers per score 0..10
 * @param {number} width
 */
function drawDistribution(counts, width) {
  const height = 220;
  const base = 190;
  const max = Math.max(1, ...counts);
  const slot = (width - 40) / 11;
  // Narrow bars (a phone) take short counts: "1.2K" fits where "1234" would run into the next.
  const count = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB',
    slot < 40 ? { notation: 'compact', maximumFractionDigits: 1 } : {});
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const title = svg('title', {});
  title.textContent = counts.map((c, i) => `${i}: ${c}`).join(', ');
  root.append(title);
  root.append(svg('line', { x1: 20, y1: base, x2: width - 10, y2: base, class: 'pd-axis' }));
  counts.forEach((n, score) => {
    const x = 24 + score * slot;
    const h = Math.round((n / max) * 160);
    const kind = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    root.append(svg('rect', { x, y: base - h, width: slot - 8, height: h, class: `pd-bar-${kind}` }));
    const label = svg('text', { x: x + (slot - 8) / 2, y: base + 18, 'text-anchor': 'middle', class: 'pd-label' });
    label.textContent = String(score);
    root.append(label);
    const value = svg('text', { x: x + (slot - 8) / 2, y: base - h - 4, 'text-anchor': 'middle', class: 'pd-label' });
    value.textContent = count.format(n);
    root.append(value);
  });
  byId('pd-distribution').replaceChildren(root);
}

/**
 * @param {{day: string, nps: {score: number, total: number}}[]} series
 * @param {number} width
 */
function drawTrend(series, width) {
  const height = 220;
  const top = 20;
  const bottom = 180;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const title = svg('title', {});
  title.textContent = series.map((d) => `${d.day}: ${fmt1(d.nps.score)}`).join(', ');
  root.append(title);
  const y = (/** @type {number} */ v) => top + ((100 - v) / 200) * (bottom - top);
  for (const v of [100, 0, -100]) {
    root.append(svg('line', { x1: 40, y1: y(v), x2: width - 10, y2: y(v), class: 'pd-axis' }));
    const label = svg('text', { x: 34, y: y(v) + 4, 'text-anchor': 'end', class: 'pd-label' });
    label.textContent = String(v);
    root.append(label);
  }
  const points = series.filter((d) => d.nps.total > 0);
  const step = points.length > 1 ? (width - 70) / (points.length - 1) : 0;
  const coords = points.map((d, i) => [50 + i * step, y(d.nps.score)]);
  if (coords.length > 1) {
    root.append(svg('polyline', { points: coords.map((c) => c.join(',')).join(' '), class: 'pd-line' }));
  }
  // A day label ("11-25", ~35 px) every `every` points, so that labels never overlap; the last
  // day always has one.
  const every = step ? Math.ceil(48 / step) : 1;
  const last = coords.length - 1;
  coords.forEach(([cx, cy], i) => {
    root.append(svg('circle', { cx, cy, r: 4, class: 'pd-dot' }));
    if (i === last || (i % every === 0 && last - i >= every)) {
      const label = svg('text', { x: cx, y: bottom + 24, 'text-anchor': 'middle', class: 'pd-label' });
      label.textContent = points[i].day.slice(5);
      root.append(label);
    }
  });
  byId('pd-trend').replaceChildren(root);
}

/** The figures last drawn and the width of their charts, to draw them again at a new width. */
let drawn = { stats: /** @type {any} */ (null), width: 0 };

/** @param {any} s the `GET /v1/stats` body */
export function drawCharts(s) {
  drawn = { stats: s, width: chartWidth() };
  drawDistribution(s.distribution, drawn.width);
  drawTrend(s.series, drawn.width);
}

/** A phone turned sideways, a resized window: the charts again at their new width. */
export function redrawCharts() {
  if (drawn.stats && chartWidth() !== drawn.width) drawCharts(drawn.stats);
}
