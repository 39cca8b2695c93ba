// One case of the work queue (issue 16) as the manager reads it: its urgency, reasons and status,
// the due countdown, the consented contact, everything the shopper said, the notes, the shopper's
// "is it solved?" answer (issue 17) and the other responses of the same order.

import { byId, el } from './dom.js';
import { colon, duration, formatDate, t, topicLabel } from './i18n.js';

/** @typedef {{priority: string, reasons: string[]} | null} Alert */
/** @typedef {{questionId: string, text: string}} OtherText the text typed for a choice's "other" */
/** @typedef {{responseId: string, nps: number|null, comment: string, otherTexts?: OtherText[],
 *   orderId: string, receivedAt: string, callbackConsent: boolean, alert: Alert, note: string}} Row */
/** @typedef {{questionId: string, question: string, type: string, value: any, labels?: string[],
 *   otherText?: string}} Answer */
/** @typedef {{status: string, assignee: string|null, dueAt: string, overdue: boolean,
 *   lastEvent: number|null, notes: {id: number, at: string, author: string, text: string}[],
 *   resolution?: {answer: string|null, comment: string|null, npsAfter: number|null, answeredAt: string}|null}} Case */
/** @typedef {Row & {surveyId: string, locale: string, followUp: string, answers: Answer[], topics: string[],
 *   contact: {channel: string, value: string}|null, case: Case, sameOrder: any[]}} CaseRow */

/**
 * The shopper's words: the comment, then what they typed for an "other" option of a choice
 * question (a detractor's "Other: the parcel was opened" is often the whole complaint).
 * @param {Row} row
 */
function shopperTexts(row) {
  const texts = el('div', 'pd-texts');
  const comment = el('p', row.comment ? 'pd-comment' : 'pd-comment pd-none',
    row.comment || t().noComment);
  if (row.comment) comment.dir = 'auto';
  texts.append(comment);
  for (const other of row.otherTexts || []) {
    const line = el('p', 'pd-other');
    const text = el('span', 'pd-other-text', other.text);
    text.dir = 'auto';
    line.append(el('span', 'pd-other-label', t().otherAnswer), ' ', text);
    texts.append(line);
  }
  return texts;
}

/** "due in 5 h" / "overdue by 2 h", for an open case. @param {Case} kase */
function countdown(kase) {
  const due = Date.parse(kase.dueAt);
  if (kase.status !== 'open' || Number.isNaN(due)) return '';
  const left = due - Date.now();
  return left >= 0 && !kase.overdue ? t().dueIn(duration(left)) : t().overdueBy(duration(Math.abs(left)));
}

/** The shopper's answers by question label, choices by option label, "other" text with them. @param {CaseRow} row */
function answerList(row) {
  const list = el('dl', 'pd-answers');
  for (const a of row.answers || []) {
    // The score is the card's big figure; the comment is shown redacted, never the raw text.
    if (a.type === 'nps' || a.type === 'text') continue;
    const value = el('dd', 'pd-answer');
    value.dir = 'auto';
    value.textContent = a.labels ? a.labels.join(', ') : Array.isArray(a.value) ? a.value.join(', ') : String(a.value ?? '–');
    if (a.otherText) {
      const other = el('span', 'pd-other-text', a.otherText);
      other.dir = 'auto';
      value.append(' — ', other);
    }
    list.append(el('dt', '', a.question || a.questionId), value);
  }
  return list;
}

/** The consented contact as a link (tel: or mailto:). @param {CaseRow} row */
function contactLine(row) {
  const line = el('p', 'pd-meta pd-contact');
  const c = row.contact;
  if (!c || !c.value) {
    line.append(row.callbackConsent ? t().noContact : t().consentNo);
    return line;
  }
  const phone = c.channel === 'phone';
  const link = /** @type {HTMLAnchorElement} */ (el('a', 'pd-contact-link', c.value));
  link.href = phone ? `tel:${c.value.replace(/[^\d+]/g, '')}` : `mailto:${c.value}`;
  link.dir = 'ltr';
  line.append(colon(phone ? t().contactPhone : t().contactEmail), link);
  return line;
}

/**
 * One case of the queue, without its controls (case-actions.js).
 * @param {CaseRow} row
 */
export function caseItem(row) {
  const kase = row.case;
  const item = el('li', `pd-item pd-case pd-status-${kase.status}`);
  item.dataset.caseId = row.responseId;
  item.tabIndex = -1;
  item.append(el('div', 'pd-score', row.nps === null ? '–' : String(row.nps)));

  const head = el('p', 'pd-meta pd-case-head');
  const tiers = /** @type {Record<string, string>} */ (t().tiers);
  if (row.alert) head.append(el('span', `pd-badge pd-tier-${row.alert.priority}`, tiers[row.alert.priority] || row.alert.priority));
  for (const reason of row.alert?.reasons || []) head.append(el('span', 'pd-badge', topicLabel(reason)));
  const statuses = /** @type {Record<string, string>} */ (t().statuses);
  head.append(el('span', 'pd-badge pd-case-status', statuses[kase.status] || kase.status));
  const due = countdown(kase);
  if (due) {
    const badge = el('span', kase.overdue ? 'pd-badge pd-overdue' : 'pd-badge pd-due', due);
    badge.dataset.dueAt = kase.dueAt;
    head.append(badge);
  }
  item.append(head);
  item.append(contactLine(row));
  item.append(shopperTexts({ ...row, otherTexts: [] }));
  item.append(answerList(row));
  if (row.topics?.length) {
    const topics = el('p', 'pd-meta pd-case-topics');
    for (const id of row.topics) topics.append(el('span', 'pd-badge pd-topic-badge', topicLabel(id)));
    item.append(topics);
  }
  const date = formatDate(row.receivedAt);
  const meta = el('p', 'pd-meta');
  meta.append(`${t().order} `, el('bdi', '', row.orderId || '–'), ` · ${t().locale} ${row.locale || '–'} · ${date} · `,
    kase.assignee ? t().assignedTo(kase.assignee) : t().unassigned);
  item.append(meta);
  // Issue 17: what the shopper answered to "is it solved?" after the resolution.
  if (kase.resolution) {
    const r = kase.resolution;
    const solved = /** @type {Record<string, string>} */ (t().solved);
    const said = el('p', 'pd-meta pd-resolution', t().shopperSaid((r.answer && solved[r.answer]) || '–', r.npsAfter, formatDate(r.answeredAt)));
    if (r.comment) {
      const text = el('span', 'pd-comment', r.comment);
      text.dir = 'auto';
      said.append(' ', text);
    }
    item.append(said);
  }

  if (kase.notes?.length) {
    const notes = el('ul', 'pd-notes');
    notes.setAttribute('aria-label', t().notesTitle);
    for (const n of kase.notes) {
      const li = el('li', 'pd-note-line');
      const text = el('span', '', n.text);
      text.dir = 'auto';
      li.append(el('span', 'pd-kpi-detail', colon(t().noteBy(n.author, formatDate(n.at)))), text);
      notes.append(li);
    }
    item.append(notes);
  }
  if (row.sameOrder?.length) {
    const group = el('details', 'pd-same-order');
    group.append(el('summary', '', t().sameOrder(row.sameOrder.length)));
    const list = el('ul', '');
    for (const o of row.sameOrder) {
      const text = el('span', '', o.comment || t().noComment);
      text.dir = 'auto';
      const li = el('li', '');
      li.append(`${o.nps ?? '–'} · ${formatDate(o.receivedAt)} · ${statuses[o.followUp] || o.followUp} · `, text);
      list.append(li);
    }
    group.append(list);
    item.append(group);
  }
  return item;
}

/** The due countdowns again, from the clock: "due in 5 min" becomes "overdue by 1 min". */
export function tickCountdowns() {
  for (const badge of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#pd-queue [data-due-at]'))) {
    const dueAt = badge.dataset.dueAt || '';
    const overdue = Date.parse(dueAt) < Date.now();
    badge.textContent = countdown({ status: 'open', dueAt, overdue, assignee: null, lastEvent: null, notes: [] });
    badge.className = overdue ? 'pd-badge pd-overdue' : 'pd-badge pd-due';
  }
}
