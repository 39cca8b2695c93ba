// A Pépite order token in Node.js (crypto only; docs/tokens.md). Copy signToken() into the
// shop's server; the command line is for trying it:
//   PEPITE_TOKEN_SECRET=… node token.mjs post-purchase A-10023 [fr]
import { createHmac } from 'node:crypto';

/**
 * @param {string} secret the collector's --token-secret
 * @param {{survey: string, order: string, days?: number, locale?: string,
 *   properties?: Record<string, string>}} o
 */
export function signToken(secret, { survey, order, days = 30, locale, properties }) {
  const claims = { s: survey, o: order, e: Math.floor(Date.now() / 1000) + days * 86400 };
  if (locale) claims.l = locale;
  if (properties) claims.p = properties;
  const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [survey, order, locale] = process.argv.slice(2);
  console.log(signToken(process.env.PEPITE_TOKEN_SECRET || '', { survey, order, locale }));
}
