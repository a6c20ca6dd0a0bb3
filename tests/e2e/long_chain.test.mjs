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
  assert.equal(await page.locator('.graph g.node').count(), N);

  await page.getByRole('button', { name: 'upgrade head', exact: true }).click();
  await versionRows(page).filter({ hasText: id(N - 1) }).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.graph g.node.applied').count(), N);
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
