// Host page script of the end-to-end pages (after tag-events.js): loads pepite.js with options from the query.
(function () {
  var p = new URLSearchParams(location.search);
  var w = /** @type {any} */ (window);
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    w.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  document.documentElement.lang = p.get('lang') || 'en';
  if (p.get('throwStorage')) {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get: function () {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  }
  // tag-events.js (loaded first) installed the documented snippet and the listeners: init
  // goes through the same queue.
  var options = {
    survey: p.get('survey') || '/tests/fixtures/surveys/post-purchase.json',
    locale: p.get('locale') || 'auto',
    position: p.get('position') || 'bottom-right',
    delayMs: Number(p.get('delay') || 0),
    recontactDays: Number(p.get('recontact') || 0),
    properties: { orderId: p.get('order') || 'A-10023', channel: 'web' },
  };
  if (p.get('target')) options.target = p.get('target');
  if (p.get('keepClear')) options.keepClear = p.get('keepClear');
  // An extra stylesheet of this folder: the page's own look (issue 19).
  if (p.get('css')) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = p.get('css');
    document.head.appendChild(link);
  }
  if (p.get('endpoint')) options.endpoint = p.get('endpoint');
  if (p.get('theme')) options.theme = JSON.parse(p.get('theme'));
  if (p.get('manual')) options.autoShow = false;
  w.pepite('init', options);
  var s = document.createElement('script');
  // A page under Trusted Types (require-trusted-types-for 'script') gives a script's URL through
  // a policy of its own; the widget itself writes to no such sink.
  var tt = w.trustedTypes;
  s.src = tt ? tt.createPolicy('pepite-test-host', { createScriptURL: String }).createScriptURL('/dist/pepite.js') : '/dist/pepite.js';
  s.async = true;
  if (p.get('wasm')) s.setAttribute('data-wasm', p.get('wasm'));
  if (p.get('textWasm')) s.setAttribute('data-text-wasm', p.get('textWasm'));
  document.head.appendChild(s);
  // The host page's own behaviour, which must keep working whatever the widget does.
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.getElementById('host-button');
    if (b) {
      b.addEventListener('click', function () {
        document.getElementById('host-output').textContent = 'host works ' + (Number(b.getAttribute('data-n') || 0) + 1);
        b.setAttribute('data-n', String(Number(b.getAttribute('data-n') || 0) + 1));
      });
    }
  });
})();
