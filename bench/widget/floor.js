// The floor of "ready over the blank page" for any async script tag: this script does nothing but
// mark ready and put one visible line in the page. Measured beside our card (bench/widget-bench.mjs):
// row `async-script-floor` by the mark (heard through the harness's PerformanceObserver), row
// `async-script-floor-seen` by the line (seen by its MutationObserver, as the peers' selectors are).
performance.mark('widget-ready');
const line = document.createElement('p');
line.id = 'floor-seen';
line.textContent = 'ready';
(document.body || document.documentElement).append(line);
