// Verify: the page runs `alembic-playground check`'s safety checks (the same code) on the
// project, points each finding at its file and line, and leaves the database alone.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { caughtUp, click, openApp, typeCommand, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const panel = (page) => page.getByRole('region', { name: 'Verify' });

test('the blog verifies without errors; a pass downgrade is found at its line; the data stays', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  await panel(page).getByRole('button', { name: 'Run the checks' }).click();
  await caughtUp(page);
  // The blog's batch operations have no copy_from: they cannot render with --sql.
  assert.equal(await panel(page).locator('.verify-summary').textContent(),
    '4 revisions checked on an empty database: 4 warnings.');
  assert.equal(await panel(page).locator('.finding[data-code="offline-fails"]').count(), 4);

  await page.locator('#scenario').selectOption('no_downgrade');
  await caughtUp(page);
  await typeCommand(page, 'upgrade head');
  const rows = await versionRows(page).textContent();
  await panel(page).getByRole('button', { name: 'Run the checks' }).click();
  await caughtUp(page);
  assert.match(await panel(page).locator('.verify-summary').textContent(), /revisions checked on a copy of this database's data: .*warning/);
  const finding = panel(page).locator('.finding[data-code="empty-downgrade"]');
  assert.match(await finding.textContent(), /alembic\/versions\/[^:]+\.py:\d+:\d+/);
  assert.match(await finding.textContent(), /raise NotImplementedError/);
  assert.equal(await versionRows(page).textContent(), rows, 'the live database is untouched');
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}/verify-1440.png` });

  // A step changes what was checked: the result goes until the checks run again.
  await typeCommand(page, 'current');
  assert.equal(await panel(page).locator('.finding').count(), 0);
  assert.deepEqual(errors, []);
});

test('the Verify panel reads at 375 px', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: { width: 375, height: 812 } });
  await page.locator('#scenario').selectOption('no_downgrade');
  await caughtUp(page);
  await click(page, 'Run the checks');
  const finding = panel(page).locator('.finding[data-code="empty-downgrade"]');
  await finding.scrollIntoViewIfNeeded();
  const box = await finding.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the finding fits the width: ${JSON.stringify(box)}`);
  await page.screenshot({ path: `${ARTIFACTS}/verify-375.png` });
  assert.deepEqual(errors, []);
});
