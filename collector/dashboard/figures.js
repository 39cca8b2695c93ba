// The dashboard's figures from `GET /v1/stats`: the headline NPS / CSAT / CES, the charts, and
// the overview (issue 16): the period's NPS with its margin and split, the complaint figures and
// the topics, each with its count and the previous period beside it.

import { api } from './api.js';
import { drawCharts } from './charts.js';
import { byId, el } from './dom.js';
import { describeFilters, query } from './filters.js';
import { fmt1, t, topicLabel } from './i18n.js';

/** Last total shown, so a language switch can redraw the summary. */
export let lastTotal = -1;

/** Fetches the figures; returns what draws them. */
export async function loadStats() {
  // The trend's days are the manager's, as the day filters are (not UTC's).
  const res = await api(`/v1/stats${query({ tzOffset: String(-new Date().getTimezoneOffset()) })}`);
  const s = await res.json();
  return () => drawStats(s);
}

/** @param {any} s the `GET /v1/stats` body */
function drawStats(s) {
  lastTotal = typeof s.responses === 'number' ? s.responses : s.nps.total;
  byId('pd-f-summary').textContent = describeFilters(lastTotal);
  byId('pd-nps').textContent = s.nps.total ? fmt1(s.nps.score) : '–';
  byId('pd-nps-detail').textContent = npsDetail(s.nps);
  byId('pd-csat').textContent = s.csat.responses ? `${fmt1(s.csat.percent)} %` : '–';
  byId('pd-csat-detail').textContent = t().satisfied(s.csat.responses);
  byId('pd-ces').textContent = s.ces.responses ? fmt1(s.ces.mean) : '–';
  byId('pd-ces-detail').textContent = t().effort(s.ces.responses);
  drawCharts(s);
  drawOverview(s);
}

/**
 * Under the NPS: its 95 % margin and the number of answers. One answer has no margin (the
 * formula gives ± 0), and a margin over 100 on a -100..100 scale says only that it is too wide.
 * @param {{total: number, margin95: number}} nps
 */
function npsDetail(nps) {
  if (nps.total < 2 || typeof nps.margin95 !== 'number') return t().responses(nps.total);
  if (nps.margin95 > 100) return t().marginWide(nps.total);
  return t().margin(fmt1(nps.margin95), nps.total);
}

/** @typedef {{value: number|null, count: number, previous: {value: number|null, count: number}|null,
 *   trend: number|null, enough: boolean}} Figure */

/** A signed difference: "+3.5", "−2", "0". @param {number} d */
const signed = (d) => (d > 0 ? `+${fmt1(d)}` : d < 0 ? `−${fmt1(-d)}` : fmt1(0));

/**
 * One figure's card: its value, what it rests on, the previous period beside it and the trend
 * (or why there is none).
 * @param {string} label
 * @param {Figure} f
 * @param {(v: number) => string} show
 * @param {boolean} hasPrevious whether the filter has a previous period at all
 * @param {string} [extra] a line under the value (the NPS's margin and split)
 * @param {boolean} [slot] a figure nothing measures yet (NPS before / after resolution): its empty
 *   value reads "not yet measured" rather than "–"
 */
function figureCard(label, f, show, hasPrevious, extra = '', slot = false) {
  const card = el('div', 'pd-figure');
  card.append(el('span', 'pd-kpi-label', label));
  const value = f.value ?? null;
  card.append(el('span', 'pd-figure-value', value === null ? (slot && !f.count ? t().notMeasured : '–') : show(value)));
  if (extra) card.append(el('span', 'pd-kpi-detail', extra));
  card.append(el('span', 'pd-kpi-detail pd-figure-count', t().count(f.count)));
  const prev = f.previous;
  if (!hasPrevious || !prev) {
    card.append(el('span', 'pd-kpi-detail', t().noPrevious));
  } else {
    card.append(el('span', 'pd-kpi-detail pd-figure-previous',
      t().previous(prev.value === null ? '–' : show(prev.value), prev.count)));
    card.append(el('span', 'pd-kpi-detail pd-figure-trend',
      f.trend === null ? t().notEnough : t().trend(signed(f.trend))));
  }
  return card;
}

const percent = (/** @type {number} */ v) => `${fmt1(v * 100)} %`;
const hoursOf = (/** @type {number} */ v) => t().hours(fmt1(v));

/** @param {any} s the `GET /v1/stats` body */
function drawOverview(s) {
  const hasPrevious = Boolean(s.previousPeriod);
  const p = s.period || {};
  const prev = s.previousPeriod ? `${s.previousPeriod.from} – ${s.previousPeriod.to}` : '';
  byId('pd-period').textContent = t().period(p.from || '…', p.to || '…', prev);
  const n = s.periodNps;
  const margin = n.count >= 2 && typeof n.margin95 === 'number' && n.margin95 <= 100
    ? `± ${fmt1(n.margin95)} · ` : '';
  byId('pd-ov-figures').replaceChildren(figureCard(t().figNps, n, fmt1, hasPrevious,
    `${margin}${t().split(n.promoters, n.passives, n.detractors)}`));
  const c = s.complaints;
  byId('pd-ov-complaints').replaceChildren(
    figureCard(t().figShare, c.complaintShare, percent, hasPrevious),
    figureCard(t().figMedian, c.medianHoursToContact, hoursOf, hasPrevious),
    figureCard(t().figP90, c.p90HoursToContact, hoursOf, hasPrevious),
    figureCard(t().figWithin, c.withinPromiseShare, percent, hasPrevious),
    figureCard(t().figResolved, c.resolutionRate, percent, hasPrevious),
    figureCard(t().figBefore, c.npsBeforeResolution, fmt1, hasPrevious, '', true),
    figureCard(t().figAfter, c.npsAfterResolution, fmt1, hasPrevious, '', true),
    // Issue 17: "is it solved?" asked after the resolution.
    ...(c.resolutionConfirmed ? [figureCard(t().figConfirmed, c.resolutionConfirmed, percent, hasPrevious,
      t().confirmations(c.resolutionConfirmed.yes, c.resolutionConfirmed.partly, c.resolutionConfirmed.no), true)] : []));
  const topics = /** @type {{id: string, count: number, previous: number|null, trend: number|null}[]} */ (s.topics || []);
  byId('pd-ov-topics-empty').hidden = topics.length > 0;
  byId('pd-ov-topics').replaceChildren(...topics.map((tp) => {
    const li = el('li', 'pd-topic');
    li.append(el('span', 'pd-topic-name', topicLabel(tp.id)), ' ', el('span', 'pd-kpi-detail', t().topicCount(tp.count)));
    if (tp.previous !== null) {
      li.append(' · ', el('span', 'pd-kpi-detail', t().previous(String(tp.previous), tp.previous)));
      li.append(' · ', el('span', 'pd-kpi-detail', tp.trend === null || tp.count + tp.previous < s.trendMinCount
        ? t().notEnough : t().trend(signed(tp.trend))));
    }
    return li;
  }));
  // The NPS-by-day chart says so when the period rests on too few answers for a trend.
  byId('pd-trend-note').textContent = n.enough ? '' : t().trendNotEnough;
  // CSAT and CES only when the survey asks them (some answer carries them).
  byId('pd-kpi-csat').hidden = !s.csat.responses;
  byId('pd-kpi-ces').hidden = !s.ces.responses;
}
