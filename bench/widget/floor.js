// The floor of "ready over the blank page" for any async script tag: this script does nothing but
// mark ready. Measured beside our card (bench/widget-bench.mjs, row `async-script-floor`).
performance.mark('widget-ready');
