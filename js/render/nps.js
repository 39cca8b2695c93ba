// NPS question: eleven buttons 0–10 in a radio group; the 0 button carries `data-pepite-score="0"`.

import { createScale } from './scale.js';

/** @type {import('./card.js').QuestionFactory} */
export function createNps(q, ctx) {
  return createScale(q, ctx, {
    className: 'pp-nps',
    face: (v) => ({ label: String(v) }),
    // A stable selector for shops' own end-to-end tests (issue 4).
    data: (v) => ({ 'data-pepite-score': String(v) }),
  });
}
