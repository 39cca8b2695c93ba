// tests/e2e/bench-long-tasks.test.js: an async "widget" script that keeps the main thread busy for
// `?ms=` milliseconds in one task of its own (a timer).
{
  const ms = Number(new URL(/** @type {HTMLScriptElement} */ (document.currentScript).src).searchParams.get('ms')) || 0;
  setTimeout(() => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  }, 0);
}
