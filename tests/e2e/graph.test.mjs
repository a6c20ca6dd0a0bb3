// Load + graph: the blog chain is open at start, one SVG node per revision with its short id
// and message, head/base marked, applied vs pending distinct, nodes are keyboard buttons;
// branches and merges get their own lanes and marks.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, ARTIFACTS } from './serve.mjs';
import { openApp, versionRows, NARROW } from './helpers.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.close(); });

test('the blog chain is drawn newest first, head and base marked, all pending', async () => {
  const { page, errors } = await openApp(browser, server.url);
  assert.equal(await page.locator('#scenario').inputValue(), 'blog');
  const nodes = page.locator('.graph g.node');
  assert.equal(await nodes.count(), 4);
  const texts = await page.locator('.graph g.node text').allTextContents();
  // The markers come before the message, as `alembic history` prints them.
  assert.match(texts[0], /^b10900000004\(head\)archive deleted posts, drop deleted_at$/);
  assert.match(texts[3], /^b10900000001\(base\)create posts$/);
  // Accessible names say the state in words.
  await page.getByRole('button', { name: 'b10900000004 archive deleted posts, drop deleted_at, pending, head' }).waitFor();
  assert.equal(await page.locator('.graph g.node.pending').count(), 4);
  assert.equal(await versionRows(page).textContent(), '(does not exist yet)');
  await page.screenshot({ path: `${ARTIFACTS}/graph-blog-1280x800.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('clicking a node selects it and shows its file as text', async () => {
  const { page } = await openApp(browser, server.url);
  await page.getByRole('button', { name: /^b10900000002 add is_featured/ }).click();
  const details = page.getByLabel('Selected revision');
  await details.getByText('Revises', { exact: true }).waitFor();
  assert.match(await details.textContent(), /b10900000001/);
  assert.match(await details.locator('#revision-editor').inputValue(), /server_default="false"/);
  assert.equal(await page.locator('.graph g.node.selected').count(), 1);
  await page.screenshot({ path: `${ARTIFACTS}/graph-selected.png`, fullPage: true });
});

test('nodes are reachable and selectable with the keyboard', async () => {
  const { page } = await openApp(browser, server.url);
  const node = page.getByRole('button', { name: /^b10900000003 / });
  await node.focus();
  await page.keyboard.press('Enter');
  await page.locator('.graph g.node.selected[data-revision="b10900000003"]').waitFor();
  assert.equal(await node.getAttribute('aria-pressed'), 'true');
});

test('branches take lanes; branch and merge points are marked', async () => {
  const { page, errors } = await openApp(browser, server.url);
  await page.locator('#scenario').selectOption('team_branches');
  await page.getByRole('button', { name: /^3e76e0000003 .*mergepoint/ }).waitFor();
  await page.getByRole('button', { name: /^7ea000000001 .*base, branchpoint/ }).waitFor();
  const lanes = await page.locator('.graph g.node circle.dot, .graph g.node rect.dot, .graph g.node polygon.dot')
    .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBBox().x))).size);
  assert.ok(lanes >= 2, `expected at least two lanes, got ${lanes}`);
  await page.screenshot({ path: `${ARTIFACTS}/graph-team-branches.png`, fullPage: true });
  await page.locator('#scenario').selectOption('labels_depends_on');
  await page.locator('.graph path.edge.depends').first().waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/graph-depends-on.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('readable narrow and in dark mode', async () => {
  const narrow = await openApp(browser, server.url, { viewport: NARROW });
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await narrow.page.screenshot({ path: `${ARTIFACTS}/narrow-390.png`, fullPage: true });
  const dark = await openApp(browser, server.url, { colorScheme: 'dark' });
  const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)');
  await dark.page.screenshot({ path: `${ARTIFACTS}/dark-1280x800.png` });
});

test('a downgrade() that raises is marked irreversible; a merge and an untouched template are not marked', async () => {
  const { page, errors } = await openApp(browser, server.url);
  const file = (rev, down, upgrade, downgrade) => ({
    name: `${rev}.py`, mimeType: 'text/x-python',
    buffer: Buffer.from(`"""${rev}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '${rev}'\ndown_revision = ${down}\n\n\n`
      + `def upgrade():\n    ${upgrade}\n\n\ndef downgrade():\n    ${downgrade}\n`),
  });
  await page.locator('#import-files').setInputFiles([
    file('a0000000000a', 'None', "op.create_table('t', sa.Column('id', sa.Integer()))", "raise NotImplementedError('t holds data that cannot be rebuilt')"),
    file('b0000000000b', "'a0000000000a'", 'pass', 'pass'),
    file('c0000000000c', "'a0000000000a'", "op.add_column('t', sa.Column('n', sa.Integer()))", "op.drop_column('t', 'n')"),
    file('d0000000000d', "('b0000000000b', 'c0000000000c')", 'pass', 'pass'),
  ]);
  const node = (rev) => page.locator(`.graph g.node[data-revision="${rev}"]`);
  await node('d0000000000d').waitFor();
  assert.match(await node('a0000000000a').getAttribute('aria-label'), /, irreversible$/);
  assert.equal(await node('a0000000000a').locator('.tag.irreversible').textContent(), '(irreversible)');
  for (const rev of ['b0000000000b', 'c0000000000c', 'd0000000000d']) {
    assert.doesNotMatch(await node(rev).getAttribute('aria-label'), /no way back|irreversible/, rev);
  }
  await node('a0000000000a').click();
  await page.locator('.details').getByText('irreversible: downgrade() raises, so a downgrade stops here and changes nothing').waitFor();
  assert.deepEqual(errors, []);
});
