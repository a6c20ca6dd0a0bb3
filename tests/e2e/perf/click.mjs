// The clicks the perf scripts make on the blog scenario.
//
// A user's click lands anywhere between two display frames, and the wait for the next frame
// is part of what they see. Playwright's `click()` first waits for the target to be stable
// over animation frames, so its clicks land at nearly the same point of the frame every time
// and the figures depend on where that is (in one run of six pages of one build, pages at
// odd places of a round 14.6-14.9 ms to the repaint, at even places 16.2-16.5 ms). This
// presses the mouse on the button directly, after a random part of a 60 Hz frame.
export async function clickAtRandomPhase(page, name) {
  const box = await page.getByRole('button', { name, exact: true }).boundingBox();
  if (!box) throw new Error(`no button ${name} on the page`);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 / 60));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

// Back to an empty database between clicks on `upgrade +1`: `downgrade base`, confirmed when
// the page asks (dropping posts loses its rows, so it rehearses and asks first).
export async function resetByDowngrade(page) {
  await page.getByRole('button', { name: 'downgrade base', exact: true }).click();
  const confirm = page.getByRole('alertdialog').getByRole('button', { name: /^Run downgrade/ });
  if (await confirm.count()) await confirm.first().click();
  await page.locator('#version-rows').filter({ hasText: '(empty)' }).waitFor();
}
