// Safety: drift after editing an applied revision (diff, revert, downgrade and re-apply, new
// revision), no-way-back revisions, data-loss reports before running, production's typed
// confirmation, multiple heads and their merge, and SQL previews with Alembic's range advice.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { click, openApp, typeCommand, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });


async function editFirstRevision(page) {
  const editor = page.locator('#revision-editor');
  if (!(await editor.count())) await page.getByRole('button', { name: /^b10900000001 create posts/ }).click();
  await editor.fill((await editor.inputValue()).replace('sa.String(200)', 'sa.String(300)'));
}

test('an applied revision edited later is marked, diffed and can be fixed three ways', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await click(page, 'upgrade +1');
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  await editFirstRevision(page);
  await page.getByRole('button', { name: /^b10900000001 create posts, applied, base, current, edited$/ }).waitFor();
  const warning = page.locator('.warning.drift[data-revision="b10900000001"]');
  await warning.getByText('Alembic will not run it again: the database now differs from this script.', { exact: false }).waitFor();
  const diff = warning.getByLabel('Changes to b10900000001 since it was applied');
  assert.match(await diff.locator('.removed').textContent(), /^- .*sa\.String\(200\)/);
  assert.match(await diff.locator('.added').textContent(), /^\+ .*sa\.String\(300\)/);
  await page.screenshot({ path: `${ARTIFACTS}/safety-drift.png`, fullPage: true });

  // 1. Revert: the file is what was applied again.
  await click(page, 'Revert the edit');
  await warning.waitFor({ state: 'detached' });
  assert.match(await page.locator('#revision-editor').inputValue(), /sa\.String\(200\)/);

  // 2. Downgrade past it and re-apply: data loss is reported on a copy first.
  await editFirstRevision(page);
  await warning.getByRole('button', { name: /^Downgrade past it and re-apply/ }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.locator('.losses li', { hasText: 'table posts is dropped with its 3 rows' }).waitFor();
  assert.equal(await versionRows(page).textContent(), 'b10900000001');
  await dialog.getByRole('button', { name: /^Run downgrade base, then upgrade b10900000001$/ }).click();
  await warning.waitFor({ state: 'detached' });
  assert.match(await page.locator('details.table[data-table="posts"] table.columns').textContent(), /VARCHAR\(300\)/);

  // 3. A new revision instead: the edit is reverted and moved into a new head.
  const editor = page.locator('#revision-editor');
  await editor.fill((await editor.inputValue()).replace('sa.String(300)', 'sa.String(400)'));
  await warning.getByRole('button', { name: 'Write a new revision instead' }).click();
  await warning.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: /^[0-9a-f]{12} follow-up to b10900000001, pending, head/ }).waitFor();
  assert.match(await editor.inputValue(), /# \+ .*sa\.String\(400\)/);
  assert.deepEqual(errors, []);
});

test('an edit inside a long line is shown word by word and wraps, at 1440 and 375 px', async () => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
    const { page, errors } = await openApp(browser, server.url, { viewport });
    await typeCommand(page, 'upgrade +2');
    await page.getByRole('button', { name: /^b10900000002 add is_featured/ }).click();
    const editor = page.locator('#revision-editor');
    await editor.fill((await editor.inputValue()).replace('server_default="false"', 'server_default="0"'));
    const diff = page.locator('.warning.drift[data-revision="b10900000002"]').getByLabel('Changes to b10900000002 since it was applied');
    await diff.waitFor();
    // The lines differ in one word: that word is marked on each side, the rest is plain.
    assert.deepEqual(await diff.locator('.removed del').allTextContents(), ['false']);
    assert.deepEqual(await diff.locator('.added ins').allTextContents(), ['0']);
    assert.match(await diff.locator('.removed').textContent(), /^- .*server_default="false"/);
    // Wrapped, not cut: nothing runs past the box's right edge.
    assert.ok(await diff.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the diff fits its box');
    await diff.screenshot({ path: `${ARTIFACTS}/safety-drift-words-${viewport.width}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('after going back across a downgrade() that restored nothing, the page says the next upgrade will fail', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.getByRole('button', { name: /^b10900000001 create posts/ }).click();
  const editor = page.locator('#revision-editor');
  await editor.fill((await editor.inputValue()).replace('    op.drop_table("posts")', '    pass'));
  await click(page, 'upgrade +1');
  assert.equal(await page.locator('.warning.blocked').count(), 0);
  await typeCommand(page, 'downgrade base');
  const dialog = page.getByRole('alertdialog');
  if (await dialog.count()) await dialog.getByRole('button', { name: /^Run downgrade base/ }).click();
  await versionRows(page).filter({ hasText: '(empty)' }).waitFor();
  const warning = page.locator('.warning.blocked[data-revision="b10900000001"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /The next upgrade will fail at b10900000001: table posts already exists/);
  assert.match(await warning.textContent(), /Its downgrade\(\) restored nothing.*DROP TABLE posts/);
  // It is right: the upgrade fails with those words.
  await typeCommand(page, 'upgrade +1');
  assert.match(await page.locator('.transcript').textContent(), /table posts already exists/);
  assert.deepEqual(errors, []);
});

test('a downgrade across a revision with no way back asks first', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#scenario').selectOption('no_downgrade');
  const flagged = page.getByRole('button', { name: /^0d0000000002 .*no way back$/ });
  await flagged.waitFor();
  await typeCommand(page, 'upgrade head');
  await versionRows(page).filter({ hasText: '0d0000000002' }).waitFor();
  await typeCommand(page, 'downgrade -1');
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText('This downgrade cannot restore the schema').waitFor();
  assert.match(await dialog.locator('.no-way-back').textContent(), /0d0000000002 lower-case every email/);
  await page.screenshot({ path: `${ARTIFACTS}/safety-no-way-back.png`, fullPage: true });
  await click(page, 'Cancel');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await versionRows(page).textContent(), '0d0000000002');
  assert.deepEqual(errors, []);
});

test('production: every downgrade is reported first, downgrade base must be typed, a stamp asks', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await typeCommand(page, 'upgrade b10900000002');
  await versionRows(page).filter({ hasText: 'b10900000002' }).waitFor();
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('production');
  await click(page, 'downgrade base');
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText('Production: type the target to confirm').waitFor();
  assert.match(await dialog.locator('.losses').textContent(), /table posts is dropped with its 3 rows/);
  const target = dialog.getByRole('textbox', { name: 'Type base to run downgrade base in production' });
  await target.fill('head');
  await target.press('Enter');
  await dialog.getByText('Refused: type base exactly.').waitFor();
  assert.equal(await versionRows(page).textContent(), 'b10900000002');
  // Refused, the dialog stays and so does the keyboard focus, to type again.
  assert.ok(await target.evaluate((el) => el === document.activeElement), 'the target box keeps the focus');
  await page.screenshot({ path: `${ARTIFACTS}/safety-production.png`, fullPage: true });
  await target.fill('base');
  await click(page, 'Run downgrade base');
  await versionRows(page).filter({ hasText: '(empty)' }).waitFor();
  // A stamp moves the version table without migrating: production asks first.
  await typeCommand(page, 'stamp head');
  await dialog.getByText('Production: stamp moves alembic_version only').waitFor();
  assert.match(await dialog.locator('.stamp-note').textContent(), /No migration runs/);
  assert.equal(await versionRows(page).textContent(), '(empty)');
  await click(page, 'Run stamp head');
  await versionRows(page).filter({ hasText: 'b10900000004' }).waitFor();
  assert.deepEqual(errors, []);
});

test('multiple heads are explained and merged', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#scenario').selectOption('labels_depends_on');
  const note = page.getByRole('note');
  await note.getByText(/^Multiple heads: /).waitFor();
  assert.match(await note.textContent(), /down_revision = \('[0-9a-f]+', '[0-9a-f]+'\)/);
  await page.screenshot({ path: `${ARTIFACTS}/safety-multiple-heads.png`, fullPage: true });
  await note.getByRole('button', { name: 'Add merge revision' }).click();
  await page.getByRole('button', { name: /^[0-9a-f]{12} merge heads, pending, head, mergepoint/ }).waitFor();
  await note.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('SQL preview shows Alembic\'s refusal and the range that works from here, or why none does', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await typeCommand(page, 'upgrade head'); // from an empty database: nothing to lose, no question
  await versionRows(page).filter({ hasText: 'b10900000004' }).waitFor();
  const entries = await page.locator('.transcript .entry').count();
  await page.getByRole('textbox', { name: 'Alembic command' }).fill('downgrade -1');
  await click(page, 'Preview SQL');
  const preview = page.getByRole('region', { name: 'SQL preview' });
  await preview.getByText('FAILED: downgrade with --sql requires <fromrev>:<torev>').waitFor();
  assert.equal(await preview.locator('code.suggested').textContent(), 'alembic downgrade b10900000004:b10900000003 --sql');
  assert.match(await preview.locator('.suggestion .preview-sql').textContent(), /DROP TABLE post_archive;/);
  assert.equal(await preview.locator('.suggestion .failed-line').count(), 0, 'the suggested range works');
  assert.equal(await page.locator('.transcript .entry').count(), entries, 'a preview runs nothing');
  assert.equal(await versionRows(page).textContent(), 'b10900000004');
  await page.screenshot({ path: `${ARTIFACTS}/safety-sql-preview.png`, fullPage: true });
  await preview.getByRole('button', { name: 'Run in console' }).click();
  const ran = page.locator('.transcript .entry').last();
  await ran.locator('.cmd', { hasText: 'downgrade b10900000004:b10900000003 --sql' }).waitFor();
  assert.equal(await ran.locator('.failed-line').count(), 0);
  // From b10900000002 every offline range crosses a batch block: no command, the reason.
  await typeCommand(page, 'stamp b10900000002');
  await versionRows(page).filter({ hasText: 'b10900000002' }).waitFor();
  await page.getByRole('textbox', { name: 'Alembic command' }).fill('downgrade -1');
  await click(page, 'Preview SQL');
  await preview.getByText(/No --sql command works from the current state \(b10900000002\).*"copy_from" argument/).waitFor();
  assert.equal(await preview.locator('code.suggested').count(), 0);
  assert.deepEqual(errors, []);
});
