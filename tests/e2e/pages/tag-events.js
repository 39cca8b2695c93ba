// Records widget events through the documented snippet; the script tag (tag.html) or host.js does the init.
(function () {
  var w = /** @type {any} */ (window);
  w.pepite = w.pepite || function () {
    (w.pepite.q = w.pepite.q || []).push(arguments);
  };
  w.__events = [];
  ['ready', 'shown', 'answer', 'score', 'submit', 'sent', 'error', 'dismiss', 'close'].forEach(function (t) {
    w.pepite('on', t, function (d) {
      w.__events.push({ type: t, detail: d });
    });
  });
})();
