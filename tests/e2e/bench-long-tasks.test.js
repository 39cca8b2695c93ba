// The bench's longest-task reading (bench/widget/long-tasks.mjs, issue 19) on real Chromium traces:
// a page that blocks its main thread for 120 ms reads at least that; a page that does not, less;
// the widget's own tasks are those of its script, not the host page's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { longestTask, longestTasks } from '../../bench/widget/long-tasks.mjs';
import { setup } from './lib/browser.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

/**
 * Traces a page: `busy` ms of the host's own script in one task (a timer of an inline script),
 * then `widget` ms in a task of an async script's timer (tests/e2e/pages/busy.js).
 * @param {number} busy @param {number} widget
 */
async function traced(busy, widget) {
  const page = await env.browser.newPage();
  try {
    await page.goto(`${env.server.url}/tests/e2e/pages/plain.html?survey=none`, { waitUntil: 'load' }).catch(() => {});
    await env.browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.evaluate(([host, ms]) => {
      // The host page's own script (an inline one: no URL of the widget's).
      setTimeout(() => {
        const end = performance.now() + host;
        while (performance.now() < end);
      }, 0);
      const s = document.createElement('script');
      s.async = true;
      s.src = `/tests/e2e/pages/busy.js?ms=${ms}`;
      document.head.append(s);
    }, [busy, widget]);
    await page.waitForTimeout(busy + widget + 400);
    return await env.browser.stopTracing();
  } finally {
    await page.close();
  }
}

test('a 120 ms task of script reads as at least 120 ms; an idle page reads less', async () => {
  const busy = longestTask(await traced(120, 0));
  assert.ok(busy >= 120 && busy < 1000, `longest task ${busy} ms`);
  const idle = longestTask(await traced(0, 0));
  assert.ok(idle < busy - 50, `idle page: longest task ${idle} ms`);
});

test("the widget's own tasks: its script's 90 ms task counts, the host page's 150 ms one does not", async () => {
  const trace = await traced(150, 90);
  const both = longestTasks(trace, /\/busy\.js/);
  assert.ok(both.any >= 150, `longest task ${both.any} ms`);
  assert.ok(both.own >= 90 && both.own < 150, `the widget's own longest task ${both.own} ms`);
  assert.equal(longestTasks(trace).own, 0, 'no widget script named: no own task');
});
