// Shared steps of the e2e specs: open the built page at a given size, wait for the app.
export const VIEWPORT = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

/** Opens the app, fails the test on any page error, and waits for the graph to render. */
export async function openApp(browser, url, { viewport = VIEWPORT, colorScheme = 'light' } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  await page.goto(url);
  await page.getByRole('button', { name: /^b10900000001 create posts/ }).waitFor({ timeout: 15000 });
  return { page, errors };
}

/** The version table as the Database panel shows it. */
export const versionRows = (page) => page.locator('#version-rows');

/** Waits until every panel shows the last change: the console's output, the SQL log and the
 * timeline's steps follow a change one paint later, and the panels are `aria-busy` until then. */
export const caughtUp = (page, options) => page.locator('main.panels[aria-busy="false"]').waitFor(options);

/** Clicks a button by its accessible name and waits for every panel to show the result. */
export async function click(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  await caughtUp(page);
}

/** Runs a line in the console the way a user does: type, Enter; then waits for its output. */
export async function typeCommand(page, line) {
  const input = page.getByRole('textbox', { name: 'Alembic command' });
  await input.fill(line);
  await input.press('Enter');
  await caughtUp(page);
}

/** Revision id `i` of the long chain. */
export const chainId = (i) => i.toString(16).padStart(12, '0');

/** `n` revision files as `setInputFiles` takes them, the workload of
 *  web/tests/support/long_chain.rs: revision 0 creates `items` and inserts row 1; every
 *  later one inserts its own row and updates row 1. */
export function longChain(n) {
  return Array.from({ length: n }, (_, i) => {
    const body = i === 0
      ? "    op.create_table('items', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)), sa.Column('hits', sa.Integer()))\n"
        + "    op.execute(\"INSERT INTO items (id, name, hits) VALUES (1, 'row 0', 0)\")\n"
      : `    op.execute("INSERT INTO items (id, name, hits) VALUES (${i + 1}, 'row ${i}', 0)")\n`
        + '    op.execute("UPDATE items SET hits = hits + 1 WHERE id = 1")\n';
    const text = `"""step ${i}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n`
      + `revision = '${chainId(i)}'\ndown_revision = ${i === 0 ? 'None' : `'${chainId(i - 1)}'`}\nbranch_labels = None\ndepends_on = None\n\n\n`
      + `def upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
    return { name: `${chainId(i)}_step_${i}.py`, mimeType: 'text/x-python', buffer: Buffer.from(text) };
  });
}
