// The CSV export as Excel reads it (issue 16): BOM, `;` for a French manager and `,` for an
// English one, one column per question by label, the case's columns, formulas neutralised and
// control characters removed. Read back with a `;` reader and a `,` reader.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { auth, makePayload, post, sql, startCollector } from './helpers.js';

/**
 * An RFC 4180 reader with the given separator: quoted cells, doubled quotes, CRLF rows.
 * @param {string} text @param {string} sep @returns {string[][]}
 */
function readCsv(text, sep) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += ch;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  return rows;
}

describe('CSV export for Excel', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  const detractor = makePayload({ nps: 2, consent: true, other: '=le colis; était ouvert', comment: 'Colis abîmé, carton déchiré', orderId: 'CMD-00000042' });
  const vectors = ['=HYPERLINK("http://evil";"x")', '+33 6 12 34 56 78', '-2+3', '@SUM(A1)', 'a;=1+1', 'x,=2'];
  const attack = makePayload({ nps: 9, comment: vectors.join(' | '), orderId: '@CMD-1' });

  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0'] });
    assert.equal((await post(c.url, detractor)).status, 200);
    assert.equal((await post(c.url, attack)).status, 200);
    const r = await fetch(`${c.url}/v1/cases/${detractor.responseId}/assign`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"assignee":"admin"}',
    });
    assert.equal(r.status, 200);
    // Control bytes the API refuses can still sit in an old or hand-edited database: a comment
    // with NUL, ESC, BEL, a tab before a formula and a C1 control.
    // (PostgreSQL text cannot hold NUL: SOH stands in for it there.)
    const pg = c.db.startsWith('postgres');
    sql(c.db, `UPDATE responses SET comment = 'a' || char(${pg ? 1 : 0}) || 'b' || char(27) || '[31m' || char(7) || char(9) || '=cmd' || char(133) || 'z' WHERE response_id = '${attack.responseId}'`.replace(/char\(/g, pg ? 'chr(' : 'char('));
  });
  after(async () => { await c.stop(); });

  /** @param {string} query @param {string} lang */
  const exportCsv = async (query, lang) => {
    const res = await fetch(`${c.url}/v1/export.csv${query}`, { headers: { ...auth(), 'Accept-Language': lang } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  };

  /** @param {string[][]} rows @param {string} id */
  const byId = (rows, id) => {
    const header = rows[0];
    const row = rows.find((r) => r[0] === id);
    assert.ok(row, id);
    assert.equal(row.length, header.length);
    return Object.fromEntries(header.map((h, i) => [h, row[i]]));
  };

  test('French: BOM, `;`, every column read by a `;` reader', async () => {
    const { status, bytes, type } = await exportCsv('', 'fr-FR,fr;q=0.9,en;q=0.5');
    assert.equal(status, 200);
    assert.match(type || '', /^text\/csv; charset=utf-8/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes.subarray(3).toString('utf8'), ';');
    assert.equal(rows.length, 3);
    for (const row of rows) assert.equal(row.length, rows[0].length);
    const d = byId(rows, detractor.responseId);
    assert.equal(d["Qu'est-ce qui n'a pas été ?"], 'Livraison en retard; Autre');
    assert.equal(d['Recommanderiez-vous notre boutique à un proche ?'], '2');
    assert.equal(d['Un commentaire ?'], 'Colis abîmé, carton déchiré');
    assert.equal(d.comment, 'Colis abîmé, carton déchiré');
    assert.match(d.topics, /damaged_item/);
    assert.equal(d.alert_priority, 'high');
    assert.equal(d.follow_up, 'open');
    assert.equal(d.assignee, 'admin');
    assert.equal(d.callback_consent, 'yes');
    assert.equal(d.other_texts, 'wrong: =le colis; était ouvert');
  });

  test('English: `,` by default, `?sep=` wins, labels in English', async () => {
    const en = await exportCsv('', 'en-GB,en;q=0.9');
    assert.deepEqual([...en.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = readCsv(en.bytes.subarray(3).toString('utf8'), ',');
    const d = byId(rows, detractor.responseId);
    assert.equal(d['What went wrong?'], 'Late delivery; Other');
    assert.equal(d.callback_consent, 'yes');
    const forced = await exportCsv('?sep=%3B', 'en');
    assert.equal(readCsv(forced.bytes.subarray(3).toString('utf8'), ';')[0].length, rows[0].length);
    const comma = await exportCsv('?sep=,', 'fr');
    assert.equal(readCsv(comma.bytes.subarray(3).toString('utf8'), ',')[0].length, rows[0].length);
    assert.equal((await exportCsv('?sep=tab', 'fr')).status, 400);
  });

  test('formula and control-character vectors are neutralised in every cell, either reader', async () => {
    for (const [lang, sep] of [['fr', ';'], ['en', ',']]) {
      const { bytes } = await exportCsv('', lang);
      const text = bytes.subarray(3).toString('utf8');
      // Read with the wrong separator too: a cell never splits into a formula.
      for (const reader of [sep, sep === ';' ? ',' : ';']) {
        for (const row of readCsv(text, reader)) {
          for (const cell of row) {
            assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${lang}/${reader}: ${cell}`);
            // eslint-disable-next-line no-control-regex
            assert.doesNotMatch(cell, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, `${lang}/${reader}: ${JSON.stringify(cell)}`);
          }
        }
      }
      const a = byId(readCsv(text, sep), attack.responseId);
      assert.equal(a.order_id, "'@CMD-1");
      assert.equal(a.comment, 'ab[31m=cmdz');
    }
  });
});
