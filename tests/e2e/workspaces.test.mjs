// Nothing a user did is lost: the picker lists workspaces, each kept as it was left, across
// switches, reloads and opened links; removing one is on purpose and can be undone.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { caughtUp, typeCommand, versionRows, VIEWPORT, NARROW } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

async function open(url, context) {
  context ??= await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('.graph g.node').first().waitFor({ timeout: 15000 });
  return { page, context, errors };
}

const picker = (page) => page.locator('#scenario');
/** The picker's options as the user reads them, the selected one marked with `*`. */
const listed = (page) => picker(page).locator('option').evaluateAll((os) => os.map((o) => (o.selected ? '*' : '') + o.textContent));
const steps = (page) => page.locator('.timeline .position').textContent();

async function pick(page, value) {
  await picker(page).selectOption(value);
  await caughtUp(page);
}

async function editArchive(page) {
  await page.getByRole('button', { name: /^b10900000004 archive/ }).click();
  const editor = page.locator('#revision-editor');
  await editor.fill(`${await editor.inputValue()}\n# my edit\n`);
  await caughtUp(page);
}

test('picking another scenario and back keeps the edit and the steps, after a reload too; a link adds a workspace', async () => {
  const { page, context, errors } = await open(server.url);
  await typeCommand(page, 'upgrade +2');
  await versionRows(page).filter({ hasText: 'b10900000002' }).waitFor();
  await editArchive(page);
  assert.equal(await steps(page), 'step 2 of 2');
  await pick(page, 'team_branches');
  await page.getByRole('button', { name: /^a11ce0000002/ }).waitFor();
  await pick(page, 'blog');
  assert.equal(await versionRows(page).textContent(), 'b10900000002');
  assert.equal(await steps(page), 'step 2 of 2');
  // The edited revision is still the one open in the editor.
  assert.match(await page.locator('#revision-editor').inputValue(), /# my edit/);
  assert.match((await listed(page)).join('|'), /^\*blog\|team_branches\|/);
  await page.screenshot({ path: `${ARTIFACTS}/workspaces-1440.png` });

  // After a reload (the tab's own workspace reopens; the other is still listed).
  await page.reload();
  await page.locator('.graph g.node').first().waitFor();
  assert.equal(await versionRows(page).textContent(), 'b10900000002');
  assert.equal(await steps(page), 'step 2 of 2');
  await pick(page, 'team_branches');
  await pick(page, 'blog');
  assert.equal(await steps(page), 'step 2 of 2');
  assert.match(await page.locator('#revision-editor').inputValue(), /# my edit/);

  // A shared project opens beside the others under its own name.
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const link = await page.locator('#share-link').inputValue();
  const other = await open(link, context);
  await versionRows(other.page).filter({ hasText: 'b10900000002' }).waitFor();
  const names = await listed(other.page);
  assert.ok(names.includes('*blog (shared link)'), names.join('|'));
  assert.ok(names.includes('blog'), `the old workspace is still listed: ${names.join('|')}`);
  await pick(other.page, 'team_branches');
  await pick(other.page, 'blog');
  assert.equal(await steps(other.page), 'step 2 of 2');
  assert.deepEqual([...errors, ...other.errors], []);
  await context.close();
});

test('a workspace is removed on purpose only, and the removal can be undone', async () => {
  const { page, context, errors } = await open(server.url, await browser.newContext({ viewport: NARROW }));
  await typeCommand(page, 'upgrade +1');
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  await pick(page, 'team_branches');
  await page.getByRole('button', { name: 'Remove workspace' }).click();
  await caughtUp(page);
  // Its neighbour opens, as it was left.
  assert.equal(await versionRows(page).textContent(), 'b10900000001');
  await page.locator('.scenario .removed', { hasText: 'Removed team_branches.' }).waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/workspaces-removed-375.png` });
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await caughtUp(page);
  assert.match((await listed(page)).join('|'), /^\*blog\|team_branches\|/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('time travel back four steps, then a command: the four steps are kept as a branch and can be restored', async () => {
  const { page, context, errors } = await open(server.url);
  const lines = ['upgrade +1', 'current', 'history', 'upgrade +1', 'current', 'heads', 'upgrade +1', 'current', 'branches', 'history', 'current', 'heads'];
  for (const line of lines) await typeCommand(page, line);
  const names = await page.locator('.timeline .steps button').allTextContents();
  assert.equal(await steps(page), 'step 12 of 12', names.join('|'));
  for (let i = 0; i < 4; i += 1) {
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await caughtUp(page);
  }
  assert.equal(await versionRows(page).textContent(), 'b10900000003');
  await typeCommand(page, 'history');
  assert.equal(await steps(page), 'step 9 of 9');
  const kept = page.locator('.timeline .branches');
  const restore = kept.getByRole('button', { name: 'Restore the 4 steps after step 8: branches, history, current, heads' });
  await restore.waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/timeline-branch-1440.png`, fullPage: true });
  await restore.click();
  await caughtUp(page);
  assert.equal(await steps(page), 'step 12 of 12');
  assert.equal(await versionRows(page).textContent(), 'b10900000003');
  assert.equal((await page.locator('.timeline .steps button').allTextContents()).join('|'), lines.join('|'));
  await kept.getByRole('button', { name: 'Restore the 1 step after step 8: history' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 375 px, downgrade base typed in the console asks in a modal dialog in view; Escape cancels and the focus goes back', async () => {
  const { page, context, errors } = await open(server.url, await browser.newContext({ viewport: { width: 375, height: 740 } }));
  await typeCommand(page, 'upgrade head');
  await versionRows(page).filter({ hasText: 'b10900000004' }).waitFor();
  const input = page.getByRole('textbox', { name: 'Alembic command' });
  await input.scrollIntoViewIfNeeded();
  await input.fill('downgrade base');
  await input.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  // The focus moves in (to Cancel: Enter must not run it) ...
  await page.waitForFunction(() => document.activeElement?.closest('dialog[open]') !== null);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel');
  // ... and the dialog is in the viewport, whatever the scroll.
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height,
    `dialog at ${JSON.stringify(box)} in ${JSON.stringify(viewport)}`);
  assert.ok(await page.evaluate(() => document.querySelector('dialog').matches(':modal')), 'modal');
  await page.screenshot({ path: `${ARTIFACTS}/confirm-modal-375.png` });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await caughtUp(page);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Alembic command');
  assert.equal(await versionRows(page).textContent(), 'b10900000004', 'nothing ran');
  // At 1440 px too, the page scrolled down.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await input.fill('downgrade base');
  await input.press('Enter');
  await dialog.waitFor();
  const wide = await dialog.boundingBox();
  assert.ok(wide.y >= 0 && wide.y + wide.height <= 900, JSON.stringify(wide));
  await page.screenshot({ path: `${ARTIFACTS}/confirm-modal-1440.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('warnings that are right: a fresh database has no version table yet; emptied tables lose nothing, so nothing asks', async () => {
  const { page, context, errors } = await open(server.url);
  assert.equal(await versionRows(page).textContent(), '(does not exist yet)');
  await typeCommand(page, 'upgrade +1');
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  await page.locator('#sql-input').fill('DELETE FROM posts');
  await page.getByRole('button', { name: 'Run SQL', exact: true }).click();
  await page.locator('.sql-result', { hasText: '3 row(s) changed' }).waitFor();
  await typeCommand(page, 'downgrade base');
  // No "This will lose data" for a table with 0 rows: it runs at once.
  await versionRows(page).filter({ hasText: '(empty)' }).waitFor();
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
