// The built app loads in headless Chromium and runs SQLite in the page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { caughtUp, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

test('page shows the SQLite version from the wasm build', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  const version = page.locator('#sqlite-version');
  await version.waitFor({ timeout: 15000 });
  assert.match(await version.textContent(), /^SQLite 3\.\d+\.\d+$/);
  await page.screenshot({ path: `${ARTIFACTS}/app-loaded.png` });
  assert.deepEqual(errors, []);
});

test('without idle callbacks (Safari) the held-back panels catch up and the workspace is saved', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => { delete window.requestIdleCallback; delete Window.prototype.requestIdleCallback; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  assert.equal(await page.evaluate(() => typeof requestIdleCallback), 'undefined');
  await page.getByRole('button', { name: 'upgrade +1', exact: true }).click();
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  // The console's output and the SQL log follow by a timeout instead.
  await caughtUp(page, { timeout: 5000 });
  await page.locator('.transcript .entry .cmd', { hasText: 'upgrade +1' }).waitFor({ timeout: 1000 });
  await page.locator('.sql-log .step-title', { hasText: '-> b10900000001, create posts' }).waitFor({ timeout: 1000 });
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('alembic-playground:workspace:')), null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});
