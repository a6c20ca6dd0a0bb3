// The built app loads in headless Chromium and runs SQLite in the page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';

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
