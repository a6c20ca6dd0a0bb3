// Scenarios that travel and last: share links (every bundled scenario, in a fresh profile),
// bad links refused, reloads and closed tabs restored, two tabs never overwriting each
// other, storage errors reported, time travel across a data-losing downgrade, imports, and
// an exported project run by real Alembic.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { caughtUp, click, VIEWPORT, typeCommand, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = join(ROOT, '.venv/bin/python');

/** A page in `context` (a fresh profile when none is given), the app loaded at `url`. */
async function open(url, context) {
  context ??= await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('.graph g.node').first().waitFor({ timeout: 15000 });
  return { page, context, errors };
}

/** Waits for the console to show `n` entries (each command's output has rendered). */
const entries = (page, n) => page.locator('.transcript .entry').nth(n - 1).waitFor();

async function run(page, lines) {
  await caughtUp(page);
  let n = await page.locator('.transcript .entry').count();
  for (const line of lines) {
    await typeCommand(page, line);
    const dialog = page.getByRole('alertdialog');
    // A guarded command waits for confirmation; confirm it as the user would.
    const confirmed = await Promise.race([
      entries(page, n + 1).then(() => false),
      dialog.waitFor().then(() => true),
    ]);
    if (confirmed) {
      await dialog.getByRole('button', { name: /^Run / }).click();
      await entries(page, n + 1);
    }
    n += 1;
  }
}

/** What the user sees: graph nodes, version rows, schema and rows, SQL log, console. */
async function seen(page) {
  await caughtUp(page);
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('.graph g.node')].map((n) => `${n.dataset.revision} ${n.getAttribute('class')}`),
    version: document.querySelector('#version-rows')?.textContent ?? '',
    schema: document.querySelector('.schema')?.innerText ?? '',
    sqlLog: document.querySelector('.sql-log')?.innerText ?? '',
    console: [...document.querySelectorAll('.transcript .entry')].map((e) => e.innerText),
    environment: document.querySelector('#environment').value,
  }));
}

/** What the page has saved in local storage (every workspace record). */
const stored = (page) => page.evaluate(() => Object.keys(localStorage).sort()
  .filter((k) => k.startsWith('alembic-playground:workspace:')).map((k) => localStorage.getItem(k)).join('\n'));

/** Runs `action`, then waits until the page has saved (it saves when idle, within 500 ms). */
async function andSaved(page, action) {
  const before = await stored(page);
  await action();
  await page.waitForFunction((b) => Object.keys(localStorage).sort()
    .filter((k) => k.startsWith('alembic-playground:workspace:')).map((k) => localStorage.getItem(k)).join('\n') !== b, before);
}

async function shareLink(page) {
  await click(page, 'Share link');
  const input = page.locator('#share-link');
  await input.waitFor();
  return input.inputValue();
}

test('a share link of every bundled scenario opens to the same page in a fresh profile', async () => {
  const { page, errors } = await open(server.url);
  const names = await page.locator('#scenario option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(names.length >= 6, `${names}`);
  for (const name of names) {
    await page.locator('#scenario').selectOption(name);
    await page.locator('.graph g.node').first().waitFor();
    // A few actions: upgrade as far as it goes, data in, one step back, history.
    await run(page, ['upgrade +1', 'history']);
    for (const [sql, result] of [['CREATE TABLE seed_notes (note TEXT)', '0 row(s) changed'], ["INSERT INTO seed_notes VALUES ('hi')", '1 row(s) changed']]) {
      await page.locator('#sql-input').fill(sql);
      await click(page, 'Run SQL');
      await page.locator('.sql-result', { hasText: result }).waitFor();
    }
    await run(page, ['upgrade heads', 'downgrade -1']);
    const link = await shareLink(page);
    assert.match(link, /#v1\/[A-Za-z0-9_-]+$/);
    const before = await seen(page);
    const fresh = await open(link);
    assert.deepEqual(await seen(fresh.page), before, `${name}: the link did not replay to the same page`);
    assert.deepEqual(fresh.errors, []);
    await fresh.context.close();
  }
  await page.screenshot({ path: `${ARTIFACTS}/scenarios-share.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('corrupt, future, truncated and oversized links are refused and change nothing', async () => {
  const { page, errors } = await open(server.url);
  await run(page, ['upgrade +1']);
  const before = await seen(page);
  const bomb = deflateRawSync(Buffer.alloc(20 << 20)).toString('base64url');
  const good = (await shareLink(page)).split('#')[1];
  const cases = [
    ['#v1/!!!not-base64', /damaged: character 4/],
    ['#v2/AAAA', /newer version/i],
    [`#${good.slice(0, good.length - 20)}`, /cut short|damaged/],
    [`#v1/${bomb}`, /unpacks to more than 4 MiB, the most this page accepts/],
  ];
  for (const [fragment, why] of cases) {
    await page.evaluate((f) => { location.hash = f; }, fragment);
    const notice = page.locator('.notice[role="alert"]').first();
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /^This link could not be opened: /);
    assert.match(text, why, text);
    assert.match(text, /Nothing was changed\./);
    assert.deepEqual(await seen(page), before);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  }
  // A bad link in a fresh tab: the message, and the page still works.
  const fresh = await open(`${server.url}#v1/garbage`);
  await fresh.page.locator('.notice', { hasText: 'This link could not be opened' }).waitFor();
  await fresh.context.close();
  assert.deepEqual(errors, []);
});

test('the frozen v1 link still opens to the state it recorded', async () => {
  const link = (await readFile(join(ROOT, 'crates/share/tests/data/v1_blog.link'), 'utf8')).trim();
  const { page, context, errors } = await open(`${server.url}#${link}`);
  // upgrade head, a row typed in the SQL box, downgrade -1, then production.
  await versionRows(page).filter({ hasText: 'b10900000003' }).waitFor();
  assert.equal(await page.locator('#environment').inputValue(), 'production');
  assert.match(await page.locator('details.table[data-table="posts"]').innerText(), /shared/);
  assert.equal(await page.locator('.transcript .entry').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload and a closed tab restore the workspace exactly', async () => {
  const { page, context, errors } = await open(server.url);
  await run(page, ['upgrade head', 'downgrade -1']);
  await page.locator('#environment').selectOption('production');
  await page.getByRole('button', { name: /^b10900000002 add is_featured/ }).click();
  const before = await seen(page);
  // No wait for the save: leaving the page (pagehide) saves what is not saved yet.
  await page.reload();
  await page.locator('.graph g.node').first().waitFor();
  assert.deepEqual(await seen(page), before);
  assert.match(await page.locator('#revision-editor').inputValue(), /add is_featured/);
  // Closed and opened again: a new tab gets the workspace saved last.
  await page.close();
  const again = await context.newPage();
  await again.goto(server.url);
  await again.locator('.graph g.node').first().waitFor();
  assert.deepEqual(await seen(again), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs on one workspace never overwrite each other silently', async () => {
  const { page: a, context } = await open(server.url);
  await andSaved(a, () => run(a, ['upgrade +1']));
  const b = await context.newPage();
  await b.goto(server.url);
  await b.locator('.graph g.node').first().waitFor();
  assert.equal(await versionRows(b).textContent(), 'b10900000001');
  await andSaved(a, () => run(a, ['upgrade +1']));
  await run(b, ['downgrade base']);
  const conflict = b.locator('.notice.conflict');
  await conflict.getByText('This workspace was changed in another tab.').waitFor();
  await b.screenshot({ path: `${ARTIFACTS}/scenarios-two-tabs.png`, fullPage: true });
  // Tab A's save was not overwritten: B can take it.
  await conflict.getByRole('button', { name: "Open the other tab's version" }).click();
  await versionRows(b).filter({ hasText: 'b10900000002' }).waitFor();
  await context.close();
});

test('storage that refuses to save is reported and the session goes on in memory', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const { page, errors } = await open(server.url, context);
  await run(page, ['upgrade +1']);
  await page.locator('.notice.storage', { hasText: 'Your work is not being saved in this browser' }).waitFor();
  assert.match(await page.locator('.notice.storage').textContent(), /QuotaExceededError/);
  await run(page, ['upgrade +1']);
  assert.equal(await versionRows(page).textContent(), 'b10900000002');
  assert.deepEqual(errors, []);
  await context.close();
});

test('time travel back over a data-losing downgrade restores the rows, which real Alembic cannot', async () => {
  const { page, context, errors } = await open(server.url);
  await run(page, ['upgrade +1', 'downgrade base']);
  const posts = page.locator('details.table[data-table="posts"]');
  await posts.waitFor({ state: 'detached' });
  await click(page, 'Back');
  const note = page.locator('.travel-note');
  await note.waitFor();
  assert.match(await note.textContent(), /table posts is back with its 3 rows/);
  assert.match(await note.textContent(), /Real Alembic could not do this/);
  assert.equal(await versionRows(page).textContent(), 'b10900000001');
  assert.match(await page.locator('details.table[data-table="posts"]').innerText(), /Hello[\s\S]*Spam[\s\S]*World/);
  await click(page, 'Forward');
  await posts.waitFor({ state: 'detached' });
  await click(page, 'Start');
  assert.equal(await page.locator('.transcript .entry').count(), 0);
  await page.screenshot({ path: `${ARTIFACTS}/scenarios-time-travel.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exported project runs with real Alembic to the same schema; it imports back', async () => {
  const { page, context, errors } = await open(server.url);
  await run(page, ['upgrade head']);
  const dir = await mkdtemp(join(tmpdir(), 'export-'));
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, name)]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const zip = await save('Export project (.zip)');
  const db = await save('Download database (.sqlite)');
  assert.match(zip, /blog\.zip$/);
  // Real Alembic (installed by the set-up) on the exported files, in a fresh folder.
  const script = `
import sqlite3, subprocess, sys, zipfile, os
zip, db, out = sys.argv[1:4]
zipfile.ZipFile(zip).extractall(out)
project = os.path.join(out, 'blog')
subprocess.run([os.path.join(os.path.dirname(sys.executable), 'alembic'), 'upgrade', 'head'], cwd=project, check=True, capture_output=True)
def schema(path):
    c = sqlite3.connect(path)
    return sorted(r for r in c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name != 'alembic_playground_applied'"))
def version(path):
    return sqlite3.connect(path).execute('SELECT version_num FROM alembic_version').fetchall()
a, b = os.path.join(project, 'blog.sqlite'), db
assert schema(a) == schema(b), (schema(a), schema(b))
assert version(a) == version(b), (version(a), version(b))
print(version(a)[0][0])
`;
  const printed = execFileSync(PYTHON, ['-c', script, zip, db, dir]).toString().trim();
  assert.equal(printed, 'b10900000004');

  // The zip imports back as a project; the database file alone starts it on a copy.
  const fresh = await open(server.url);
  await fresh.page.locator('#import-files').setInputFiles(zip);
  await fresh.page.locator('.graph g.node').nth(3).waitFor();
  assert.equal(await versionRows(fresh.page).textContent(), '(does not exist yet)');
  await fresh.page.locator('#import-files').setInputFiles(db);
  await versionRows(fresh.page).filter({ hasText: 'b10900000004' }).waitFor();
  // Loose revision files become a project with the generic template.
  const loose = join(dir, 'loose');
  execFileSync(PYTHON, ['-c', `import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])`, zip, loose]);
  const versions = join(loose, 'blog/alembic/versions');
  const files = execFileSync('ls', [versions]).toString().split('\n').filter((f) => f.endsWith('.py')).map((f) => join(versions, f));
  await fresh.page.locator('#import-files').setInputFiles(files);
  // The graph already shows four nodes: wait for the new project's empty database instead.
  await versionRows(fresh.page).filter({ hasText: '(does not exist yet)' }).waitFor();
  await fresh.page.locator('.graph g.node').nth(3).waitFor();
  // A picked folder (its files carry their paths inside it).
  const folder = await open(server.url);
  await folder.page.locator('#import-folder').setInputFiles(join(loose, 'blog'));
  // Listed under the project's own name, as an import (not as the bundled blog). The bundled
  // blog shows four nodes too, and the files are read asynchronously: wait for the import by its name.
  await folder.page.waitForFunction(() => document.querySelector('#scenario option:checked')?.textContent === 'blog (imported)');
  await folder.page.locator('.graph g.node').nth(3).waitFor();
  await folder.context.close();
  // Not a project: said so, nothing changed.
  await writeFile(join(dir, 'notes.txt'), 'hello');
  await fresh.page.locator('#import-files').setInputFiles(join(dir, 'notes.txt'));
  await fresh.page.locator('.notice', { hasText: 'The import failed: no alembic.ini and no revision files' }).waitFor();
  assert.equal(await fresh.page.locator('.graph g.node').count(), 4);
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.context.close();
  await context.close();
  assert.ok((await readFile(db)).subarray(0, 15).toString() === 'SQLite format 3');
});

test('a zip whose alembic.ini has an absolute script_location (alembic init run elsewhere) runs from its own folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'abs-'));
  // Real Alembic's `alembic init` from another folder writes the absolute path; the blog's
  // revisions go in its versions/, zipped under a top folder as a repository download is.
  const script = `
import os, shutil, subprocess, sys, zipfile
dir, blog, location = sys.argv[1:4]
scripts = os.path.join(dir, 'home/ana/work/blog/alembic')
os.makedirs(os.path.join(dir, 'cwd'))
subprocess.run([os.path.join(os.path.dirname(sys.executable), 'alembic'), 'init', scripts], cwd=os.path.join(dir, 'cwd'), check=True, capture_output=True)
ini = open(os.path.join(dir, 'cwd/alembic.ini')).read()
assert 'script_location = ' + scripts + '\\n' in ini, ini
for name in ('ok', 'missing'):
    with zipfile.ZipFile(os.path.join(dir, name + '.zip'), 'w') as z:
        z.writestr('blog/alembic.ini', ini if name == 'ok' else ini.replace(scripts, location))
        for root, _, files in os.walk(scripts):
            for f in files:
                z.write(os.path.join(root, f), 'blog/alembic/' + os.path.relpath(os.path.join(root, f), scripts))
        for f in sorted(os.listdir(os.path.join(blog, 'alembic/versions'))):
            z.write(os.path.join(blog, 'alembic/versions', f), 'blog/alembic/versions/' + f)
print(scripts)
`;
  const scripts = execFileSync(PYTHON, ['-c', script, dir, join(ROOT, 'migrations/blog'), '/srv/elsewhere/migrations']).toString().trim();
  const { page, context, errors } = await open(server.url);
  await page.locator('#import-files').setInputFiles(join(dir, 'ok.zip'));
  await page.locator('.notice', { hasText: `script_location ${scripts} is absolute: using alembic/ from the import.` }).waitFor();
  await page.locator('.notice').getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('.graph g.node').nth(3).waitFor();
  await run(page, ['upgrade head']);
  await versionRows(page).filter({ hasText: 'b10900000004' }).waitFor();
  // No folder of the zip ends like the path: refused, naming it; the workspace is as it was.
  const before = await seen(page);
  await page.locator('#import-files').setInputFiles(join(dir, 'missing.zip'));
  await page.locator('.notice', {
    hasText: "The import failed: alembic.ini's script_location /srv/elsewhere/migrations is an absolute path and the archive does not contain it",
  }).waitFor();
  assert.deepEqual(await seen(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('export keeps the files it does not know and says what it changed; the .sqlite is what Alembic would leave', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'export15-'));
  // alembic init run elsewhere (an absolute script_location), the blog's revisions, and
  // files the engine does not use, zipped as a repository download is.
  const make = `
import os, shutil, subprocess, sys, zipfile
dir, blog = sys.argv[1:3]
scripts = os.path.join(dir, 'home/ana/work/blog/alembic')
os.makedirs(os.path.join(dir, 'cwd'))
subprocess.run([os.path.join(os.path.dirname(sys.executable), 'alembic'), 'init', scripts], cwd=os.path.join(dir, 'cwd'), check=True, capture_output=True)
with zipfile.ZipFile(os.path.join(dir, 'blog.zip'), 'w') as z:
    z.write(os.path.join(dir, 'cwd/alembic.ini'), 'blog/alembic.ini')
    for root, _, files in os.walk(scripts):
        for f in files:
            z.write(os.path.join(root, f), 'blog/alembic/' + os.path.relpath(os.path.join(root, f), scripts))
    for f in sorted(os.listdir(os.path.join(blog, 'alembic/versions'))):
        z.write(os.path.join(blog, 'alembic/versions', f), 'blog/alembic/versions/' + f)
    z.writestr('blog/transcript.json', '{"commands": ["upgrade head"]}\\n')
    z.writestr('blog/README.md', '# Blog\\r\\nCRLF, no newline at the end')
    z.writestr('blog/myapp/__init__.py', '')
shutil.rmtree(os.path.join(dir, 'home'))
print(scripts)
`;
  const scripts = execFileSync(PYTHON, ['-c', make, dir, join(ROOT, 'migrations/blog')]).toString().trim();
  const { page, context, errors } = await open(server.url);
  await page.locator('#import-files').setInputFiles(join(dir, 'blog.zip'));
  await page.waitForFunction(() => document.querySelector('#scenario option:checked')?.textContent === 'blog (imported)');
  await run(page, ['upgrade head']);
  await versionRows(page).filter({ hasText: 'b10900000004' }).waitFor();
  const save = async (name, as) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, name)]);
    const path = join(dir, as ?? download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  // Nothing is said before an export; after it, one line per change, old → new.
  assert.equal(await page.locator('.exported').count(), 0);
  const zip = await save('Export project (.zip)');
  const said = (await page.locator('.exported').innerText()).split('\n');
  assert.deepEqual(said, [
    'Exported, changed so that alembic runs in the unzipped folder:',
    `alembic.ini script_location: ${scripts} → %(here)s/alembic`,
    'alembic.ini sqlalchemy.url: driver://user:pass@localhost/dbname → sqlite:///%(here)s/blog.sqlite',
  ]);
  // The .sqlite: off by default, without the playground's record; ticked, with it.
  const record = page.getByRole('checkbox', { name: /Include the playground's record of applied revisions/ });
  assert.equal(await record.isChecked(), false);
  const plain = await save('Download database (.sqlite)', 'plain.sqlite');
  await record.check();
  await caughtUp(page);
  const withRecord = await save('Download database (.sqlite)', 'with-record.sqlite');
  await page.screenshot({ path: `${ARTIFACTS}/export-changes.png` });
  // Real SQLite and real Alembic on the downloads, in the unzipped folder.
  const check = `
import os, shutil, sqlite3, subprocess, sys, zipfile
zip, plain, with_record, out = sys.argv[1:5]
def tables(path):
    return sorted(r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
assert tables(plain) == ['alembic_version', 'post_archive', 'posts'], tables(plain)
assert tables(with_record) == sorted(tables(plain) + ['alembic_playground_applied']), tables(with_record)
zipfile.ZipFile(zip).extractall(out)
project = os.path.join(out, 'blog')
assert open(os.path.join(project, 'transcript.json'), 'rb').read() == b'{"commands": ["upgrade head"]}\\n'
assert open(os.path.join(project, 'README.md'), 'rb').read() == b'# Blog\\r\\nCRLF, no newline at the end'
assert os.path.exists(os.path.join(project, 'myapp/__init__.py'))
shutil.copy(plain, os.path.join(project, 'blog.sqlite'))
run = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'alembic'), 'current'], cwd=project, check=True, capture_output=True, text=True)
print(run.stdout.strip())
`;
  const current = execFileSync(PYTHON, ['-c', check, zip, plain, withRecord, join(dir, 'out')]).toString().trim();
  assert.equal(current, 'b10900000004 (head)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an opening that never finished is not repeated: the next visit opens safely, the link leaves the address bar', async () => {
  const { page: sharer, context: c1 } = await open(server.url);
  await run(sharer, ['upgrade +2']);
  const link = await shareLink(sharer);
  await c1.close();

  const context = await browser.newContext({ viewport: VIEWPORT });
  const first = await open(link, context);
  await versionRows(first.page).filter({ hasText: 'b10900000002' }).waitFor();
  // Opened and painted: nothing is left that would make the next visit cautious.
  await first.page.waitForFunction(() => localStorage.getItem('alembic-playground:opening') === null);
  // As if this opening had hung or crashed the tab before painting.
  await first.page.evaluate(() => localStorage.setItem('alembic-playground:opening', 'a shared link'));
  await first.page.close();

  const { page, errors } = await open(link, context);
  const notice = page.locator('.notice', { hasText: 'The page did not finish opening a shared link last time' });
  await notice.waitFor();
  assert.equal(await versionRows(page).textContent(), '(does not exist yet)', 'nothing was replayed');
  assert.equal(new URL(page.url()).hash, '', 'a reload does not open the link again');
  assert.equal(await page.evaluate(() => localStorage.getItem('alembic-playground:opening')), null);
  await page.screenshot({ path: `${ARTIFACTS}/safe-opening.png` });
  // The next visit opens as usual again.
  await page.goto(link);
  await versionRows(page).filter({ hasText: 'b10900000002' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
