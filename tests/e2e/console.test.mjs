// The console: the CLI's command lines and output (log, stdout, FAILED), Enter runs, ↑/↓
// walk the history.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { openApp, typeCommand, versionRows, caughtUp } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const lastEntry = (page) => page.locator('.transcript .entry').last();

test('commands print what the CLI prints', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await typeCommand(page, 'heads');
  await lastEntry(page).locator('.stdout', { hasText: 'b10900000004 (head)' }).waitFor();
  await typeCommand(page, 'history');
  await lastEntry(page).locator('.stdout', { hasText: '<base> -> b10900000001, create posts' }).waitFor();
  assert.equal(await lastEntry(page).locator('.stdout').textContent(),
    'b10900000003 -> b10900000004 (head), archive deleted posts, drop deleted_at\n' +
    'b10900000002 -> b10900000003, drop is_featured server default\n' +
    'b10900000001 -> b10900000002, add is_featured\n' +
    '<base> -> b10900000001, create posts');
  await typeCommand(page, 'upgrade +1');
  await lastEntry(page).locator('.stderr', { hasText: 'INFO  [alembic.runtime.migration] Running upgrade  -> b10900000001, create posts' }).waitFor();
  await versionRows(page).filter({ hasText: 'b10900000001' }).waitFor();
  await typeCommand(page, 'current');
  await lastEntry(page).locator('.stdout', { hasText: 'b10900000001' }).waitFor();
  await typeCommand(page, 'upgrade nope');
  await lastEntry(page).locator('.failed-line', { hasText: "FAILED: Can't locate revision identified by 'nope'" }).waitFor();
  await typeCommand(page, 'frobnicate');
  await lastEntry(page).locator('.stderr', { hasText: ": invalid choice: 'frobnicate'" }).waitFor();
  await typeCommand(page, 'upgrade head --sql');
  await lastEntry(page).locator('.cmd', { hasText: 'upgrade head --sql' }).waitFor();
  // Offline SQL is printed, not run: the log says so and the database stays where it was.
  await page.locator('.sql-log .step.offline').first().waitFor();
  assert.match(await page.locator('.sql-log .step.offline').first().textContent(), /--sql: printed, not run/);
  assert.equal(await versionRows(page).textContent(), 'b10900000001');
  await page.screenshot({ path: `${ARTIFACTS}/console.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

// Alembic 1.20.1's own lines (migrations/blog/transcript.json, `terminal`): the INFO lines
// before a refusal, ERROR only once env.py set up logging, argparse's usage for a typed
// `alembic`, and --sql's log between its SQL.
test('the console shows what Alembic\'s terminal shows', async () => {
  const { page, errors } = await openApp(browser, server.url);
  const text = async () => (await lastEntry(page).locator('pre:not(.cmd)').allTextContents()).join('\n');
  await typeCommand(page, 'upgrade +9');
  await lastEntry(page).locator('.cmd', { hasText: 'upgrade +9' }).waitFor();
  await caughtUp(page);
  assert.equal(await text(),
    'INFO  [alembic.runtime.migration] Context impl SQLiteImpl.\n' +
    'INFO  [alembic.runtime.migration] Will assume non-transactional DDL.\n' +
    "ERROR [alembic.util.messaging] Relative revision +9 didn't produce 9 migrations\n" +
    "FAILED: Relative revision +9 didn't produce 9 migrations");
  await typeCommand(page, 'show nope');
  await lastEntry(page).locator('.cmd', { hasText: 'show nope' }).waitFor();
  await caughtUp(page);
  assert.equal(await text(), "FAILED: Can't locate revision identified by 'nope'");
  await typeCommand(page, 'alembic upgrade head');
  await lastEntry(page).locator('.cmd', { hasText: 'alembic upgrade head' }).waitFor();
  await caughtUp(page);
  const usage = (await text()).split('\n');
  assert.equal(usage[0], 'usage: alembic [-h] [--version] [-c CONFIG] [-n NAME] [-x X] [--raiseerr] [-q]');
  assert.match(usage[3], /^alembic: error: argument \{branches,.*\}: invalid choice: 'alembic' \(choose from 'branches', /);
  assert.doesNotMatch(await versionRows(page).textContent(), /b109/, 'nothing ran');
  await typeCommand(page, 'upgrade b10900000001 --sql');
  await lastEntry(page).locator('.cmd', { hasText: 'upgrade b10900000001 --sql' }).waitFor();
  await caughtUp(page);
  const parts = await lastEntry(page).locator('pre:not(.cmd)').evaluateAll((ps) => ps.map((p) => [p.className, p.textContent]));
  assert.deepEqual(parts.map(([c, t]) => [c, t.split('\n')[0]]), [
    ['stderr', 'INFO  [alembic.runtime.migration] Context impl SQLiteImpl.'],
    ['stdout', 'CREATE TABLE alembic_version ('],
    ['stderr', 'INFO  [alembic.runtime.migration] Running upgrade  -> b10900000001, create posts'],
    ['stdout', '-- Running upgrade  -> b10900000001'],
  ]);
  assert.deepEqual(errors, []);
});

test('arrow keys walk the command history', async () => {
  const { page } = await openApp(browser, server.url);
  await typeCommand(page, 'heads');
  await typeCommand(page, 'branches');
  await lastEntry(page).locator('.cmd', { hasText: 'branches' }).waitFor();
  const input = page.getByRole('textbox', { name: 'Alembic command' });
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'branches');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'heads');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), 'branches');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), '');
  // Recalled lines run again with Enter.
  await input.press('ArrowUp');
  await input.press('ArrowUp');
  await input.press('Enter');
  await page.locator('.transcript .entry').nth(2).locator('.cmd', { hasText: 'heads' }).waitFor();
});
