// The token snippets of docs/platforms.md (docs/snippets/) run as they are — Node, Python, PHP,
// the WooCommerce and PrestaShop hooks (with their platform's functions stood in for), the
// generic hosted link — and the real collector accepts each token they make.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { auth, makePayload, post, ROOT, startCollector } from './helpers.js';

const SECRET = 'snippet-secret-0123456789abcdef';
const DIR = path.join(ROOT, 'docs/snippets');
const env = { ...process.env, PEPITE_TOKEN_SECRET: SECRET };

function run(/** @type {string} */ cmd, /** @type {string[]} */ args) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

// WordPress and WooCommerce functions the hook calls, stood in for.
const WOO = `
define('PEPITE_TOKEN_SECRET', getenv('PEPITE_TOKEN_SECRET'));
define('PEPITE_COLLECTOR', 'https://feedback.shop.example/');
$hooks = [];
function add_action($hook, $f) { $GLOBALS['hooks'][$hook] = $f; }
class FakeOrder { function __construct(public $id) {} function get_order_number() { return 'WC-' . $this->id; } }
function wc_get_order($id) { return new FakeOrder($id); }
function get_locale() { return 'fr_FR'; }
function esc_url($u) { return htmlspecialchars($u, ENT_QUOTES); }
function esc_attr($a) { return htmlspecialchars($a, ENT_QUOTES); }
require 'docs/snippets/woocommerce.php';
call_user_func($hooks['woocommerce_thankyou'], 4711);
`;

// PrestaShop's Module and Configuration, stood in for.
const PRESTA = `
class Module { public $context; public $name; public $version; public $author; public $displayName;
  function __construct() { $this->context = (object) ['language' => (object) ['iso_code' => 'en']]; }
  function install() { return true; } function registerHook($h) { return $h === 'displayOrderConfirmation'; } }
class Configuration { static function get($k) { return $k === 'PEPITE_TOKEN_SECRET' ? getenv('PEPITE_TOKEN_SECRET') : 'https://feedback.shop.example'; } }
require 'docs/snippets/prestashop.php';
$m = new Pepite();
if (!$m->install()) exit(1);
echo $m->hookDisplayOrderConfirmation(['order' => (object) ['reference' => 'PS-XKBKNABJK']]);
`;

const tokenIn = (/** @type {string} */ html) => {
  const m = /data-token="([^"]+)"/.exec(html);
  assert.ok(m, html);
  return m[1];
};

describe('token snippets against the real collector', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET, '--require-token'] });
  });
  after(async () => { await c.stop(); });

  const cases = [
    ['Node (token.mjs)', () => run('node', [`${DIR}/token.mjs`, 'post-purchase', 'NODE-1', 'fr']), 'NODE-1', 'fr'],
    ['Python (token.py)', () => run('python3', [`${DIR}/token.py`, 'post-purchase', 'PY-1', 'en']), 'PY-1', 'en'],
    ['PHP (token.php)', () => run('php', [`${DIR}/token.php`, 'post-purchase', 'PHP-1', 'fr']), 'PHP-1', 'fr'],
    ['WooCommerce thank-you hook', () => {
      const html = run('php', ['-r', WOO]);
      assert.match(html, /^<script async src="https:\/\/feedback\.shop\.example\/pepite\/pepite\.js" data-survey="https:\/\/feedback\.shop\.example\/pepite\/surveys\/post-purchase\.json" data-endpoint="https:\/\/feedback\.shop\.example\/v1\/responses" data-token="/);
      return tokenIn(html);
    }, 'WC-4711', 'fr'],
    ['PrestaShop order-confirmation hook', () => tokenIn(run('php', ['-r', PRESTA])), 'PS-XKBKNABJK', 'en'],
    ['generic hosted link (hosted-link.mjs)', () => {
      const link = run('node', [`${DIR}/hosted-link.mjs`, 'https://feedback.shop.example/', 'post-purchase', 'MAIL-1', 'fr']);
      assert.match(link, /^https:\/\/feedback\.shop\.example\/s\/post-purchase\?t=v1\./);
      return new URL(link).searchParams.get('t') || '';
    }, 'MAIL-1', 'fr'],
  ];
  for (const [name, make, order, locale] of cases) {
    test(`${name}: a token the collector accepts`, async () => {
      const token = /** @type {() => string} */ (make)();
      const p = { ...makePayload({ nps: 8, orderId: 'ignored' }), token };
      const res = await post(c.url, p);
      assert.equal(res.status, 200, await res.clone().text());
      const { items } = await (await fetch(`${c.url}/v1/responses?limit=500`, { headers: auth() })).json();
      const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
      assert.equal(row.orderId, order);
      assert.equal(row.locale, locale);
      // And its hosted page opens.
      const page = await fetch(`${c.url}/s/post-purchase?t=${token}`);
      assert.equal(page.status, 200);
    });
  }

  test('a snippet run with another secret makes tokens the collector refuses', () => {
    const r = spawnSync('python3', [`${DIR}/token.py`, 'post-purchase', 'PY-2'], { env: { ...env, PEPITE_TOKEN_SECRET: 'not-the-shop-secret-0123' }, encoding: 'utf8' });
    const token = r.stdout.trim();
    return post(c.url, { ...makePayload({ id: randomUUID() }), token }).then(async (res) => {
      assert.equal(res.status, 403);
      assert.equal((await res.json()).errors[0].code, 'collector.token_bad_signature');
    });
  });
});
