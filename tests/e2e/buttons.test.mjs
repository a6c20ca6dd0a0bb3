// Buttons apply and roll back: the version table, the graph's applied/current marks, the
// schema panel and the SQL log follow each click; Alembic's errors show as it words them.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { click, openApp, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const waitText = (locator, text) => locator.filter({ hasText: text }).waitFor();

test('upgrade +1, upgrade head, downgrade -1, downgrade base', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await click(page, 'upgrade +1');
  await waitText(versionRows(page), 'b10900000001');
  await page.getByRole('button', { name: /^b10900000001 create posts, applied, base, current$/ }).waitFor();
  const posts = page.locator('details.table[data-table="posts"]');
  await waitText(posts.locator('summary'), 'posts (3 rows)');
  assert.match(await posts.locator('table.columns').textContent(), /titleVARCHAR\(200\)NOT NULL/);

  // The archive step drops deleted_at and deletes a post: rehearsed first, then confirmed.
  await click(page, 'upgrade head');
  const dialog = page.getByRole('alertdialog');
  await waitText(dialog.locator('.losses li'), 'column posts.deleted_at is dropped with its 1 non-null value');
  assert.equal(await versionRows(page).textContent(), 'b10900000001');
  await click(page, 'Run upgrade head');
  await waitText(versionRows(page), 'b10900000004');
  await page.locator('details.table[data-table="post_archive"]').waitFor();
  assert.equal(await page.locator('.graph g.node.applied').count(), 4);
  // The SQL log groups statements under each step, as the migration log names it.
  const log = page.locator('.sql-log');
  await waitText(log.locator('.step-title'), 'upgrade b10900000003 -> b10900000004, archive deleted posts, drop deleted_at');
  assert.match(await log.textContent(), /CREATE TABLE post_archive/);
  assert.match(await log.textContent(), /_alembic_tmp_posts/);
  await page.screenshot({ path: `${ARTIFACTS}/buttons-at-head.png`, fullPage: true });

  await click(page, 'downgrade -1');
  await waitText(dialog.locator('.losses li'), 'table post_archive is dropped with its 1 row');
  await click(page, 'Run downgrade -1');
  await waitText(versionRows(page), 'b10900000003');
  assert.equal(await page.locator('.graph g.node.pending').count(), 1);
  await click(page, 'downgrade base');
  await waitText(dialog.locator('.losses li'), 'table posts is dropped with its 2 rows');
  await click(page, 'Run downgrade base');
  await waitText(versionRows(page), '(empty)');
  assert.equal(await page.locator('.graph g.node.applied').count(), 0);

  await click(page, 'downgrade -1');
  await waitText(page.locator('.transcript .failed-line'), "FAILED: Relative revision -1 didn't produce 1 migrations");
  await page.screenshot({ path: `${ARTIFACTS}/buttons-after-rollback.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('data is shown as text, never as markup', async () => {
  const { page } = await openApp(browser, server.url);
  await click(page, 'upgrade +1');
  await waitText(versionRows(page), 'b10900000001');
  const box = page.getByRole('textbox', { name: 'SQL statement' });
  await box.fill("INSERT INTO posts (id, title) VALUES (9, '<img src=x onerror=alert(1)><b>bold</b>')");
  await click(page, 'Run SQL');
  await waitText(page.locator('.sql-result'), '1 row(s) changed');
  const posts = page.locator('details.table[data-table="posts"]');
  await waitText(posts.locator('td'), '<b>bold</b>');
  assert.equal(await posts.locator('img, b').count(), 0);
  // Names and defaults too: the schema's tables are written as escaped markup (markup.rs).
  await box.fill(`CREATE TABLE "q""><b>t</b>" ("c'<i>x</i>" TEXT DEFAULT '</td><b>d</b>&amp;')`);
  await click(page, 'Run SQL');
  const hostile = page.locator('details.table[data-table="q\\"><b>t</b>"]');
  await hostile.waitFor();
  assert.equal(await hostile.locator('summary').textContent(), 'q"><b>t</b> (0 rows)');
  assert.deepEqual(await hostile.locator('table.columns tbody td').allTextContents(), ["c'<i>x</i>", 'TEXT', 'NULL', "'</td><b>d</b>&amp;'", '']);
  assert.equal(await page.locator('.schema').locator('img, b, i, script').count(), 0);
  // The SQL box's grid is escaped markup too, its column names included.
  await box.fill(`SELECT title AS "<i>h</i>" FROM posts WHERE id = 9`);
  await box.press('Control+Enter');
  await waitText(page.locator('.sql-box table td'), '<img src=x');
  assert.equal(await page.locator('.sql-box table th').textContent(), '<i>h</i>');
  assert.equal(await page.locator('.sql-box').locator('img, b, i').count(), 0);
});
