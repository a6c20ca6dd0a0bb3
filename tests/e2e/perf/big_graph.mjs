// A 5,000-revision project in the page (not part of `node --test tests/e2e/`): the import,
// selecting a revision, scrolling the graph, jumping to a revision far down. Each build
// given is measured in turn in one browser:
//
//   N=5000 node tests/e2e/perf/big_graph.mjs /tmp/before-dist dist
//
// select: a click on a drawn node to the next animation frame (the render inside it).
// scroll: the graph's box (or the page, in builds without one) scrolled 60 px per frame for
// 2 s; the intervals between frames (16.7 ms at 60 frames per second).
import { serveDist, launchBrowser } from '../serve.mjs';
import { openApp, longChain, caughtUp, chainId } from '../helpers.mjs';

const DISTS = process.argv.slice(2);
const N = Number(process.env.N ?? 5000);
if (!DISTS.length) throw new Error('usage: node tests/e2e/perf/big_graph.mjs DIST [DIST...]');

const browser = await launchBrowser();
for (const dist of DISTS) {
  const server = await serveDist(dist.endsWith('/') ? dist : `${dist}/`);
  const { page } = await openApp(browser, server.url, { viewport: { width: 1440, height: 900 } });
  const started = Date.now();
  await page.locator('#import-files').setInputFiles(longChain(N));
  await page.locator(`.graph g.node[data-revision="${chainId(N - 1)}"]`).waitFor({ timeout: 300000 });
  await caughtUp(page, { timeout: 300000 });
  const imported = Date.now() - started;
  const select = [];
  for (const i of [N - 1, N - 5, N - 10, N - 3, N - 7]) {
    select.push(await page.evaluate(async (id) => {
      const node = document.querySelector(`.graph g.node[data-revision="${id}"]`);
      const t0 = performance.now();
      node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    }, chainId(i)));
  }
  const scroll = await page.evaluate(async () => {
    const el = document.querySelector('.graph-scroll') ?? document.scrollingElement;
    const gaps = [];
    let last = performance.now();
    const end = last + 2000;
    await new Promise((done) => {
      const frame = (now) => { gaps.push(now - last); last = now; el.scrollTop += 60; if (now < end) requestAnimationFrame(frame); else done(); };
      requestAnimationFrame(frame);
    });
    gaps.sort((a, b) => a - b);
    return { frames: gaps.length, median: gaps[gaps.length >> 1], p95: gaps[Math.floor(gaps.length * 0.95)], max: gaps.at(-1) };
  });
  let jump = '-';
  if (await page.locator('.graph .jump').count()) {
    const t0 = Date.now();
    await page.locator('.graph .jump').fill(chainId(N >> 1));
    await page.locator('.graph .jump').press('Enter');
    await page.locator(`.graph g.node.selected[data-revision="${chainId(N >> 1)}"]`).waitFor();
    jump = `${Date.now() - t0} ms`;
  }
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  select.sort((a, b) => a - b);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`${dist}: ${N} revisions imported and drawn in ${imported} ms; ${elements} elements in the page`);
  console.log(`  select → frame: median ${ms(select[2])} (${select.map(ms).join(', ')})`);
  console.log(`  scroll: ${scroll.frames} frames in 2 s, intervals median ${ms(scroll.median)}, p95 ${ms(scroll.p95)}, max ${ms(scroll.max)}`);
  console.log(`  jump to the middle → selected and drawn: ${jump}`);
  await page.close();
  server.close();
}
await browser.close();
