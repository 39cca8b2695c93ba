// CES question: seven steps (1–7) in a radio group.

import { createScale } from './scale.js';

/** @type {import('./card.js').QuestionFactory} */
export function createCes(q, ctx) {
  return createScale(q, ctx, { className: 'pp-ces', face: (v) => ({ label: String(v) }) });
}
