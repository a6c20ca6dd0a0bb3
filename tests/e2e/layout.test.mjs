// Layout at 375 px and in light mode, as a newcomer on a phone sees it (issue 15): the
// graph's markers are not cut, the console's input has room, the selected row's highlight
// leaves the lanes visible, the version text is readable, the README is rendered.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser } from './serve.mjs';
import { click, openApp, typeCommand } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const PHONE = { width: 375, height: 812 };

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('375 px: (head) and (current) are in view, the console input has room, the timeline numbers show', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: PHONE });
  await click(page, 'upgrade head');
  const graph = await page.locator('.graph-scroll').boundingBox();
  for (const tag of ['head', 'current']) {
    const box = await page.locator(`.graph g.node[data-revision="b10900000004"] .tag.${tag}`).boundingBox();
    assert.ok(box.x + box.width <= graph.x + graph.width, `(${tag}) ends at ${box.x + box.width}, the graph at ${graph.x + graph.width}`);
  }
  const input = await page.getByRole('textbox', { name: 'Alembic command' }).boundingBox();
  assert.ok(input.width >= 200, `console input ${input.width} px wide`);

  for (let i = 0; i < 10; i++) await typeCommand(page, 'current');
  // The list's own box: its numbers are drawn inside it, not cut at its left edge.
  const steps = page.locator('.steps');
  const [list, eleventh] = [await steps.boundingBox(), await steps.locator('li').nth(10).boundingBox()];
  const padding = await steps.evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  assert.ok(padding >= 2.5 * 15, `room for "11." left of the item: ${padding} px`);
  assert.ok(eleventh.x - padding >= list.x - 0.5);
  await page.screenshot({ path: new URL('./artifacts/layout-375.png', import.meta.url).pathname, fullPage: true });
  assert.deepEqual(errors, []);
});

test('the selected row is highlighted right of the lanes, and light-mode text has 4.5:1 contrast', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  await click(page, 'upgrade +1');
  await page.getByRole('button', { name: /^b10900000002 add is_featured/ }).click();
  const band = await page.locator('.graph g.node.selected .band').boundingBox();
  const dots = await page.locator('.graph g.node .dot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  assert.ok(band.x > Math.max(...dots), 'the highlight starts right of every lane');

  const panel = await page.locator('section.panel').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const version = await page.locator('#version-rows').evaluate((el) => getComputedStyle(el).color);
  assert.ok(contrast(version, panel) >= 4.5, `version text ${version} on ${panel}: ${contrast(version, panel).toFixed(2)}:1`);
  const selection = await page.locator('.graph g.node.selected .band').evaluate((el) => getComputedStyle(el).fill);
  const current = await page.locator('.graph .tag.current').evaluate((el) => getComputedStyle(el).fill);
  assert.ok(contrast(current, selection) >= 4.5, `(current) on a selected row: ${contrast(current, selection).toFixed(2)}:1`);
  assert.deepEqual(errors, []);
});

test('"About this scenario" renders the README: a heading, a numbered list, code as code', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: PHONE });
  await page.locator('summary', { hasText: 'About this scenario' }).click();
  const about = page.locator('.readme .about');
  assert.match(await about.locator('h3').first().textContent(), /^blog: the chain/);
  assert.equal(await about.locator('ol > li').count(), 4);
  assert.ok(await about.locator('code', { hasText: 'batch_alter_table' }).count() >= 1);
  assert.doesNotMatch(await about.textContent(), /`|\*\*|^#/m, 'no Markdown marks left as text');
  assert.deepEqual(errors, []);
});
