// A case's controls (issue 16): assign, the status moves its status allows, a note (checked
// against the API's limit in bytes as it is typed), undo. Their names say whose case they are.

import { button, el } from './dom.js';
import { formatDate, t } from './i18n.js';

/** @typedef {import('./case-card.js').CaseRow} CaseRow */

/** The API's limit on a note, in UTF-8 bytes: 1001 × "é" is 1001 characters but 2002 bytes. */
const NOTE_MAX_BYTES = 2000;

const utf8 = new TextEncoder();

/**
 * Shows or clears the note's size error; true when the note fits the API's limit.
 * @param {HTMLInputElement} note
 * @param {HTMLElement} error
 */
function checkNote(note, error) {
  const fits = utf8.encode(note.value).length <= NOTE_MAX_BYTES;
  const message = fits ? '' : t().noteTooLong;
  // Only on a change: the error is an alert, announced each time its text is set.
  if (error.textContent !== message) error.textContent = message;
  note.setAttribute('aria-invalid', String(!fits));
  return fits;
}

/**
 * A case's controls: assign, the status moves its status allows, a note, undo. Their names say
 * whose case they are.
 * @param {CaseRow} row
 * @param {string[]} users who a case may be assigned to
 * @param {(row: CaseRow, steps: [string, any][], error: HTMLElement) => void} change sends the
 *   changes (the queue's caseChange)
 */
export function caseActions(row, users, change) {
  const kase = row.case;
  const entry = t().entry(row.orderId, formatDate(row.receivedAt));
  const box = el('div', 'pd-actions pd-case-actions');
  const error = el('p', 'pd-error pd-case-error');
  error.setAttribute('role', 'alert');
  const run = (/** @type {string} */ what, /** @type {any} */ body) => change(row, [[what, body]], error);

  const selectId = `pd-assign-${row.responseId}`;
  const label = el('label', 'pd-visually-hidden', t().assignLabel(entry));
  label.setAttribute('for', selectId);
  const select = /** @type {HTMLSelectElement} */ (el('select', 'pd-assign'));
  select.id = selectId;
  const none = /** @type {HTMLOptionElement} */ (el('option', '', t().nobody));
  none.value = '';
  select.append(none, ...users.map((u) => Object.assign(/** @type {HTMLOptionElement} */ (el('option', '', u)), { value: u })));
  select.value = kase.assignee || '';
  const assign = button(t().assign, t().assignFor(entry), 'pd-assign-button',
    () => run('assign', { assignee: select.value || null }));
  box.append(label, select, assign);

  /** @type {[string, string, string][]} */
  const moves = kase.status === 'open' ? [['contacted', t().toContacted, 'pd-to-contacted'], ['resolved', t().toResolved, 'pd-to-resolved']]
    : kase.status === 'contacted' ? [['resolved', t().toResolved, 'pd-to-resolved'], ['open', t().toOpen, 'pd-to-open']]
      : [['open', t().toOpen, 'pd-to-open']];
  const note = /** @type {HTMLInputElement} */ (el('input', 'pd-note pd-case-note'));
  // A note typed before a move goes with it (saved first): "Contacted" with what was said.
  for (const [to, text, cls] of moves) {
    box.append(button(text, t().actionFor(text, entry), cls, () => {
      if (!note.value.trim()) return run('status', { status: to });
      if (!checkNote(note, error)) return note.focus();
      return change(row, [['notes', { text: note.value }], ['status', { status: to }]], error);
    }));
  }
  if (kase.lastEvent) {
    box.append(button(t().undo, t().undoFor(entry), 'pd-undo pd-quiet', () => run('undo', { eventId: kase.lastEvent })));
  }
  const noteId = `pd-case-note-${row.responseId}`;
  const noteLabel = el('label', 'pd-visually-hidden', t().addNoteLabel(entry));
  noteLabel.setAttribute('for', noteId);
  note.id = noteId;
  note.maxLength = NOTE_MAX_BYTES;
  note.type = 'text';
  note.dir = 'auto';
  note.placeholder = t().notePlaceholder;
  note.setAttribute('aria-describedby', `${noteId}-error`);
  error.id = `${noteId}-error`;
  note.addEventListener('input', () => checkNote(note, error));
  const add = button(t().addNote, t().actionFor(t().addNote, entry), 'pd-add-note pd-quiet', () => {
    if (!note.value.trim()) return note.focus();
    if (!checkNote(note, error)) return note.focus();
    return run('notes', { text: note.value });
  });
  note.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') add.click();
  });
  box.append(noteLabel, note, add, error);
  return box;
}
