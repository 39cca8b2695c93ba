// CSAT question: five stars or five faces in a radio group.

import { createScale } from './scale.js';

/** Faces from unhappy to happy, decorative (the number is the accessible name). */
const FACES = ['\u{1F61E}', '\u{1F641}', '\u{1F610}', '\u{1F642}', '\u{1F604}'];

/** @type {import('./card.js').QuestionFactory} */
export function createCsat(q, ctx) {
  const faces = q.style === 'faces';
  const names = Array.isArray(q.labels) ? q.labels : [];
  const min = Number.isInteger(q.min) ? q.min : 1;
  const ui = ctx.ui();
  return createScale(q, ctx, {
    range: [1, 5],
    className: faces ? 'pp-faces' : 'pp-stars',
    face: (v) => ({
      glyph: faces ? FACES[(v - min) % FACES.length] : '\u2605',
      label: typeof names[v - min] === 'string' ? names[v - min] : ui && typeof ui['csat' + v] === 'string' ? `${v} – ${ui['csat' + v]}` : String(v),
    }),
    lit: faces ? undefined : (v, selected) => selected !== null && v <= selected,
  });
}
