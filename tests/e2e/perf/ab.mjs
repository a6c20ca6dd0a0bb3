// A/B of built pages (not part of `node --test tests/e2e/`): the blog scenario's `upgrade +1`
// in each, alternating click by click in one browser so that all see the same machine.
// Times are taken inside the page, from the click's dispatch (a capture listener) to:
//   handler — the end of the app's click handler (a bubbling listener on window runs after it;
//             the app renders inside the handler);
//   frame   — the next animation frame;
//   painted — a task posted from that frame's animation callback: it runs once the frame's
//             rendering (style, layout, paint, layerization, commit) is done.
// Each build gets COPIES pages (default 2) and is reported pooled over them, then page by page.
//
//   node tests/e2e/perf/ab.mjs /tmp/a-dist /tmp/b-dist            # reset by `downgrade base`,
//                                                                 # N=25 rounds
//   MODE=reload N=20 node tests/e2e/perf/ab.mjs /tmp/a-dist /tmp/b-dist   # the first click
//                                                                 # after a reload each time
//   CSS1='.panel{contain:none}' node tests/e2e/perf/ab.mjs dist dist      # the same build with
//                                                                 # a style added to build 1 (0-based)
import { chromium } from 'playwright-core';
import { serveDist } from '../serve.mjs';
import { clickAtRandomPhase, resetByDowngrade } from './click.mjs';

const DISTS = process.argv.slice(2);
const N = Number(process.env.N ?? 25);
const MODE = process.env.MODE ?? 'same';
if (!DISTS.length) throw new Error('usage: node tests/e2e/perf/ab.mjs DIST [DIST...]');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});

function arm() {
  const r = (window.__ab = { click: null, handler: null, frame: null, painted: null, upgraded: null });
  addEventListener('click', () => { r.click = performance.now(); }, { capture: true, once: true });
  addEventListener('click', () => {
    r.handler = performance.now();
    r.upgraded = document.querySelector('#version-rows')?.textContent === 'b10900000001'
      && !!document.querySelector('details.table[data-table="posts"]');
    requestAnimationFrame(() => {
      r.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { r.painted = performance.now(); };
      channel.port2.postMessage(null);
    });
  }, { once: true });
}

const ready = (page) => page.waitForSelector('.graph g.node[data-revision="b10900000001"]');
const servers = [];
const pages = [];
// Pages at different places of a round can see different timings, so each build gets COPIES
// pages, placed A B B A ..., and its figures are pooled over them.
const COPIES = Number(process.env.COPIES ?? 2);
const builds = DISTS.map((dist, i) => {
  const css = process.env[`CSS${i}`];
  return { dist, css, label: css ? `${dist} + ${css}` : dist };
});
for (let copy = 0; copy < COPIES; copy++) {
  for (const build of copy % 2 ? [...builds].reverse() : builds) {
    const server = await serveDist(build.dist);
    servers.push(server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await ready(page);
    if (build.css) await page.addStyleTag({ content: build.css });
    pages.push({ build, page, runs: [] });
  }
}

async function reset(page, round) {
  if (MODE === 'reload') {
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await page.reload();
    await ready(page);
    await page.waitForTimeout(700);
  } else if (round > 0) {
    await resetByDowngrade(page);
    await page.waitForTimeout(400);
  } else {
    await page.waitForTimeout(700);
  }
}

for (let round = 0; round < N; round++) {
  for (const p of round % 2 ? [...pages].reverse() : pages) {
    await reset(p.page, round);
    await p.page.evaluate(arm);
    await clickAtRandomPhase(p.page, 'upgrade +1');
    await p.page.waitForFunction(() => window.__ab.painted !== null);
    p.runs.push(await p.page.evaluate(() => window.__ab));
    // Let the page save when idle, so that a reload starts from the cleared storage.
    if (MODE === 'reload') await p.page.waitForTimeout(700);
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const summary = (runs) => {
  const of = (key) => median(runs.map((r) => r[key] - r.click)).toFixed(1);
  const bad = runs.filter((r) => !r.upgraded).length;
  return `handler ${of('handler')} | frame ${of('frame')} | painted ${of('painted')} ms (medians of ${runs.length}${bad ? `; ${bad} clicks did not show the upgrade at the handler's end` : ''})`;
};
for (const build of builds) {
  const own = pages.filter((p) => p.build === build);
  const runs = own.flatMap((p) => p.runs);
  console.log(`${MODE} ${build.label}: ${summary(runs)}`);
  for (const p of own) console.log(`  page ${pages.indexOf(p)}: ${summary(p.runs)}`);
  console.log(`  painted, sorted: ${runs.map((r) => (r.painted - r.click).toFixed(1)).sort((a, b) => a - b).join(' ')}`);
}
await browser.close();
for (const server of servers) server.close();
