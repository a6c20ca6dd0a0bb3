// A 1,000-revision project in the page: imported as loose revision files, `upgrade head`
// runs every step on the page's SQLite, the graph draws every revision, and the SQL log
// shows the newest 100 steps until "Show all".
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser } from './serve.mjs';
import { openApp, versionRows } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

const N = 1000;
const id = (i) => i.toString(16).padStart(12, '0');

// The workload of web/tests/support/long_chain.rs: revision 0 creates `items` and inserts
// row 1; every later one inserts its own row and updates row 1.
function chain() {
  return Array.from({ length: N }, (_, i) => {
    const body = i === 0
      ? "    op.create_table('items', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)), sa.Column('hits', sa.Integer()))\n"
        + "    op.execute(\"INSERT INTO items (id, name, hits) VALUES (1, 'row 0', 0)\")\n"
      : `    op.execute("INSERT INTO items (id, name, hits) VALUES (${i + 1}, 'row ${i}', 0)")\n`
        + '    op.execute("UPDATE items SET hits = hits + 1 WHERE id = 1")\n';
    const text = `"""step ${i}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n`
      + `revision = '${id(i)}'\ndown_revision = ${i === 0 ? 'None' : `'${id(i - 1)}'`}\nbranch_labels = None\ndepends_on = None\n\n\n`
      + `def upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
    return { name: `${id(i)}_step_${i}.py`, mimeType: 'text/x-python', buffer: Buffer.from(text) };
  });
}

test('1,000 revisions: import, upgrade head, every step applied, the SQL log capped', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#import-files').setInputFiles(chain());
  await page.locator(`.graph g.node[data-revision="${id(N - 1)}"]`).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.graph g.node').count(), N);

  await page.getByRole('button', { name: 'upgrade head', exact: true }).click();
  await versionRows(page).filter({ hasText: id(N - 1) }).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.graph g.node.applied').count(), N);
  await page.locator('details.table[data-table="items"] summary').filter({ hasText: `items (${N} rows` }).waitFor();

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
