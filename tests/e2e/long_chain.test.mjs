// A 1,000-revision project in the page: imported as loose revision files, `upgrade head`
// runs every step on the page's SQLite, the graph draws every revision, and the SQL log
// shows the newest 100 steps until "Show all".
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser } from './serve.mjs';
import { caughtUp, openApp, versionRows, longChain, chainId } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const N = 1000;
const id = chainId;
const chain = () => longChain(N);

test('1,000 revisions: import, upgrade head, every step applied, the SQL log capped', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#import-files').setInputFiles(chain());
  await page.locator(`.graph g.node[data-revision="${id(N - 1)}"]`).waitFor({ timeout: 60000 });

  await page.getByRole('button', { name: 'upgrade head', exact: true }).click();
  await versionRows(page).filter({ hasText: id(N - 1) }).waitFor({ timeout: 60000 });
  // The graph draws the rows near the visible ones (below); the base, scrolled to, is applied.
  await page.locator('.graph-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.locator(`.graph g.node.applied[data-revision="${id(0)}"]`).waitFor();
  await page.locator('details.table[data-table="items"] summary').filter({ hasText: `items (${N} rows` }).waitFor();
  await caughtUp(page);

  const log = page.locator('.sql-log');
  assert.equal(await log.locator(':scope > li').count(), 100);
  assert.match(await log.locator(':scope > li').first().textContent(), new RegExp(`-> ${id(N - 1)}, step ${N - 1}`));
  const more = page.getByText(`${N - 100} earlier steps are not shown.`);
  await more.waitFor();
  await more.getByRole('button', { name: 'Show all' }).click();
  await log.locator(':scope > li').nth(N - 1).waitFor({ timeout: 60000 });
  assert.match(await log.locator(':scope > li').last().textContent(), new RegExp(`upgrade\\s+-> ${id(0)}, step 0`));
  assert.equal(await more.count(), 0);
  assert.deepEqual(errors, []);
});

test('1,000 revisions: the graph keeps its height, draws what is near the view, and jumps to a revision', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#import-files').setInputFiles(chain());
  await page.locator(`.graph g.node[data-revision="${id(N - 1)}"]`).waitFor({ timeout: 60000 });
  await caughtUp(page);

  // Bounded: the graph scrolls inside its box, the page does not grow with the history.
  const box = await page.locator('.graph-scroll').boundingBox();
  assert.ok(box.height <= 0.6 * 800 + 1, `graph box ${box.height} px high`);
  assert.ok(await page.evaluate(() => document.body.scrollHeight) < 3000);
  const drawn = await page.locator('.graph g.node').count();
  assert.ok(drawn > 30 && drawn < N, `${drawn} of ${N} nodes drawn`);

  // By id: selected, its details open, and in view inside the graph's box.
  const jump = page.getByRole('searchbox', { name: 'Jump to a revision' });
  await jump.fill(id(500));
  await jump.press('Enter');
  const picked = page.locator(`.graph g.node.selected[data-revision="${id(500)}"]`);
  await picked.waitFor();
  const at = await picked.boundingBox();
  const view = await page.locator('.graph-scroll').boundingBox();
  assert.ok(at.y >= view.y && at.y + at.height <= view.y + view.height, 'the selected revision is in the graph\'s view');
  await page.locator('.details').getByText(id(500)).first().waitFor();

  // By message: the one equal to the text comes before longer ones (`step 42` not `step 429`).
  await jump.fill('STEP 42');
  await jump.press('Enter');
  await page.locator(`.graph g.node.selected[data-revision="${id(42)}"]`).waitFor();

  // Nothing matches: said on the box, the selection unchanged.
  await jump.fill('no such migration');
  await jump.press('Enter');
  assert.match(await jump.evaluate((el) => el.validationMessage), /No revision id starts with, and no message contains, "no such migration"/);
  assert.equal(await page.locator(`.graph g.node.selected[data-revision="${id(42)}"]`).count(), 1);
  await page.screenshot({ path: new URL('./artifacts/graph-jump-1000.png', import.meta.url).pathname });
  assert.deepEqual(errors, []);
});
