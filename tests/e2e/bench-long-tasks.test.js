// The bench's longest-task reading (bench/widget/long-tasks.mjs, issue 19) on real Chromium traces:
// a page that blocks its main thread for 120 ms reads at least that; a page that does not, less.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { longestTask, longestTasks } from '../../bench/widget/long-tasks.mjs';
import { launch } from './lib/browser.js';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** The longest task while `busy` ms of script run in one task of the page. @param {number} busy */
async function traced(busy) {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>t</title><p>trace</p>');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    // In a timer of the page (a task running the page's script; DevTools' own evaluation is not).
    await page.evaluate((ms) => {
      setTimeout(() => {
        const end = performance.now() + ms;
        while (performance.now() < end);
      }, 0);
    }, busy);
    await page.waitForTimeout(busy + 150);
    const trace = await browser.stopTracing();
    const both = longestTasks(trace);
    assert.equal(longestTask(trace), both.any);
    assert.ok(both.script <= both.any);
    return busy ? both.script : both.any;
  } finally {
    await page.close();
  }
}

test('a 120 ms task of script on the main thread reads as at least 120 ms, also among the tasks running script; an idle page reads less', async () => {
  const busy = await traced(120);
  assert.ok(busy >= 120 && busy < 1000, `longest task ${busy} ms`);
  const idle = await traced(0);
  assert.ok(idle < busy - 50, `idle page: longest task ${idle} ms`);
});
