// CSAT question: five stars or five faces in a radio group.

import { createScale } from './scale.js';

/** Faces from unhappy to happy, decorative (the number is the accessible name). */
const FACES = ['\u{1F61E}', '\u{1F641}', '\u{1F610}', '\u{1F642}', '\u{1F604}'];

/** @type {import('./card.js').QuestionFactory} */
export function createCsat(q, ctx) {
  const faces = q.style === 'faces';
  return createScale(q, ctx, {
    className: faces ? 'pp-faces' : 'pp-stars',
    // The view's `ui` names each value (`csat1`…`csat5`, in its locale).
    face: (v) => ({ glyph: faces ? FACES[v - q.min] : '\u2605', label: `${v} – ${ctx.ui()['csat' + v]}` }),
    lit: faces ? undefined : (v, selected) => selected !== null && v <= selected,
  });
}
