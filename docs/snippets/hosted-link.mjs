// A generic server (Node.js): the hosted survey link for an order, to put in the order e-mail or
// an SMS sent a day after delivery (docs/platforms.md). Any language works the same way: sign a
// token (token.mjs, token.py, token.php) and append it to /s/<survey>?t=.
//   PEPITE_TOKEN_SECRET=… node hosted-link.mjs https://feedback.shop.example post-purchase A-10023 fr
import { signToken } from './token.mjs';

/** @param {string} collector @param {string} survey @param {string} order @param {string} [locale] */
export function surveyLink(collector, survey, order, locale) {
  const token = signToken(process.env.PEPITE_TOKEN_SECRET || '', { survey, order, days: 14, locale });
  return `${collector.replace(/\/$/, '')}/s/${survey}?t=${token}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [collector, survey, order, locale] = process.argv.slice(2);
  console.log(surveyLink(collector, survey, order, locale));
}
