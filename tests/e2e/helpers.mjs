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

/** Runs a line in the console the way a user does: type, Enter. */
export async function typeCommand(page, line) {
  const input = page.getByRole('textbox', { name: 'Alembic command' });
  await input.fill(line);
  await input.press('Enter');
}
