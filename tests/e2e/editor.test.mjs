// The editor: a selected revision's file is editable with line numbers and highlighting;
// problems show at their line:column as you type; "Add revision" writes a new head.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { openApp, typeCommand, versionRows, NARROW } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

test('editing shows problems at their line and column, as text', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.getByRole('button', { name: /^b10900000002 add is_featured/ }).click();
  const editor = page.getByRole('textbox', { name: /^Edit alembic\/versions\/b10900000002_add_is_featured\.py/ });
  const text = await editor.inputValue();
  assert.match(text, /server_default="false"/);
  const lines = text.split('\n').length;
  assert.equal((await page.locator('.editor .gutter').textContent()).trim().split('\n').length, lines);
  assert.ok(await page.locator('.editor .highlight .tk-kw').count() > 5, 'keywords are highlighted');
  await page.getByText('No problems: the file loads.').waitFor();

  // A syntax error: the problem list names line:column and the line is marked.
  const broken = text.replace('def upgrade() -> None:', 'def upgrade( -> None:');
  await editor.fill(broken);
  const problem = page.locator('.problems li').first();
  await problem.waitFor();
  const line = broken.split('\n').findIndex((l) => l.startsWith('def upgrade(')) + 1;
  assert.match(await problem.textContent(), new RegExp(`^${line}:\\d+ error\\[syntax-error\\]`));
  await page.locator('.editor .line.has-diag .diag-error').first().waitFor();
  assert.equal(await page.locator('.editor .line').nth(line - 1).getAttribute('class'), 'line has-diag');
  await page.screenshot({ path: `${ARTIFACTS}/editor-syntax-error.png`, fullPage: true });
  // Clicking the position puts the caret there.
  await problem.getByRole('button', { name: /^Go to line/ }).click();
  const caret = await editor.evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
  assert.equal(caret, line);

  // A bad down_revision value is the engine's load error, at its value.
  await editor.fill(text.replace("down_revision: Union[str, Sequence[str], None] = 'b10900000001'", 'down_revision = 42'));
  const bad = page.locator('.problems li', { hasText: "error[unsupported-revision-value]: 'down_revision' must be None, a string or a tuple of strings" });
  await bad.waitFor();
  const at = broken.split('\n').findIndex((l) => l.startsWith('down_revision')) + 1;
  assert.match(await bad.textContent(), new RegExp(`^${at}:17 `));

  // Markup typed into the file stays text.
  await editor.fill(text + '\n# <img src=x onerror=alert(1)><b>bold</b>\n');
  await page.getByText('No problems: the file loads.').waitFor();
  assert.equal(await page.locator('.editor b, .editor img').count(), 0);
  assert.match(await page.locator('.editor .highlight').textContent(), /<b>bold<\/b>/);
  assert.deepEqual(errors, []);
});

test('edits are what the commands run', async () => {
  const { page } = await openApp(browser, server.url);
  await page.getByRole('button', { name: /^b10900000001 create posts/ }).click();
  const editor = page.locator('#revision-editor');
  await editor.fill((await editor.inputValue()).replace('sa.String(200)', 'sa.String(321)'));
  await typeCommand(page, 'upgrade +1');
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  assert.match(await page.locator('details.table[data-table="posts"] table.columns').textContent(), /VARCHAR\(321\)/);
});

test('Add revision writes a new head from the generic template', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.getByRole('textbox', { name: 'Message' }).fill('add email column');
  await page.getByRole('button', { name: 'Add revision', exact: true }).click();
  // The untouched template does nothing either way: nothing to undo, so not "no way back".
  const node = page.getByRole('button', { name: /^[0-9a-f]{12} add email column, pending, head$/ });
  await node.waitFor();
  const id = await node.getAttribute('data-revision');
  const editor = page.getByRole('textbox', { name: new RegExp(`^Edit alembic/versions/${id}_add_email_column\\.py`) });
  const text = await editor.inputValue();
  assert.match(text, new RegExp(`^"""add email column\\n\\nRevision ID: ${id}\\nRevises: b10900000004\\nCreate Date: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\n`));
  assert.match(text, /down_revision: Union\[str, Sequence\[str\], None\] = 'b10900000004'/);
  assert.match(text, /def upgrade\(\) -> None:\n    """Upgrade schema."""\n    pass/);
  // The old head is no longer one; the new revision runs with the rest.
  await page.getByRole('button', { name: /^b10900000004 .*pending$/ }).waitFor();
  await typeCommand(page, 'upgrade head');
  await versionRows(page).filter({ hasText: id }).waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/editor-add-revision.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('the editor and warnings fit a narrow screen', async () => {
  const { page, errors } = await openApp(browser, server.url, { viewport: NARROW });
  await typeCommand(page, 'upgrade +1');
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  await page.getByRole('button', { name: /^b10900000001 create posts/ }).click();
  const editor = page.locator('#revision-editor');
  await editor.fill((await editor.inputValue()).replace('sa.String(200)', 'sa.String(300)'));
  await page.locator('.warning.drift').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${ARTIFACTS}/editor-narrow-390.png`, fullPage: true });
  assert.deepEqual(errors, []);
});
