// CES question: seven steps (1–7) in a radio group.

import { createScale } from './scale.js';

/** @type {import('./card.js').QuestionFactory} */
export function createCes(q, ctx) {
  const names = Array.isArray(q.labels) ? q.labels : [];
  const min = Number.isInteger(q.min) ? q.min : 1;
  return createScale(q, ctx, {
    range: [1, 7],
    className: 'pp-ces',
    face: (v) => ({ label: typeof names[v - min] === 'string' ? names[v - min] : String(v) }),
  });
}
