// Performance figures of the built page (not part of `node --test tests/e2e/`):
//   1. cold load to interactive: fresh browser profile per run, navigation start to the moment
//      the blog scenario's revision graph is in the DOM and `upgrade +1` is an enabled button,
//      and to the animation frame after it; 10 runs; then the first click of that fresh page;
//   2. click `upgrade +1` to the animation frame after the DOM shows the new current revision
//      (version table, graph's current mark) and the new table in the schema panel; 20 runs,
//      (a) each the first click after a reload, (b) in one page, reset by `downgrade base`.
// Times are taken inside the page (performance.now(), whose origin is navigation start).
//
//   node tests/e2e/perf/measure.mjs                 # dist/ after `trunk build --release`
//   DIST=/tmp/perf-dist LOADS=10 CLICKS=20 node tests/e2e/perf/measure.mjs
//   PROFILE=/tmp/prof node tests/e2e/perf/measure.mjs  # also V8 CPU profiles of a cold load
//                                                     # and of CLICKS clicks, with a summary
//   ONLY_PROFILE=1 PROFILE=/tmp/prof ...               # the profiles only
//   ONLY_TRACE=/tmp/trace TRACES=5 ...                 # Chromium traces of clicks (fresh pages'
//                                                     # first, then in one page): the main
//                                                     # thread's busy time vs the wall time
//   ONLY_LONG_CHAIN=1 ...                              # a 1,000-revision project in the page:
//                                                     # import, `upgrade head`, the next click
//   EXTRA_ARGS=--js-flags=--no-wasm-lazy-compilation   # extra Chromium flags (diagnosis)
import { readFile, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { serveDist } from '../serve.mjs';
import { longChain, chainId } from '../helpers.mjs';
import { clickAtRandomPhase, resetByDowngrade } from './click.mjs';

const DIST = process.env.DIST ?? new URL('../../../dist/', import.meta.url).pathname;
const LOADS = Number(process.env.LOADS ?? 10);
const CLICKS = Number(process.env.CLICKS ?? 20);
const PROFILE = process.env.PROFILE;
const ONLY_PROFILE = process.env.ONLY_PROFILE === '1';
// As tests/e2e/serve.mjs.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Diagnosis only, e.g. EXTRA_ARGS=--js-flags=--no-wasm-lazy-compilation
  ...(process.env.EXTRA_ARGS ? process.env.EXTRA_ARGS.split(' ') : [])];
const VIEWPORT = { width: 1280, height: 800 };


// Runs in the page before its own scripts: notes when the app becomes usable, and times the
// wasm compile/instantiate and the app start.
function probe() {
  const marks = (window.__perf = { ready: null, readyFrame: null });
  const ready = () => {
    if (!document.querySelector('.graph g.node[data-revision="b10900000001"]')) return false;
    const button = [...document.querySelectorAll('.actions button')].find((b) => b.textContent === 'upgrade +1');
    return button && !button.disabled;
  };
  const check = () => {
    if (marks.ready !== null || !ready()) return;
    marks.ready = performance.now();
    requestAnimationFrame(() => { marks.readyFrame = performance.now(); });
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const t0 = performance.now();
      const result = await original.apply(this, args);
      (marks.wasm ??= []).push({ name, start: t0, end: performance.now() });
      return result;
    };
  }
  addEventListener('TrunkApplicationStarted', () => { marks.started = performance.now(); });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const stats = (xs) => `median ${median(xs).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms, best ${Math.min(...xs).toFixed(1)} ms (n=${xs.length})`;

async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'perf-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: VIEWPORT,
  });
  return { context, close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); } };
}

async function coldLoad(url) {
  const { context, close } = await launch();
  try {
    await context.addInitScript(probe);
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.__perf.readyFrame !== null, null, { timeout: 30000 });
    // The same condition as Playwright sees it (accessible names, enabled state).
    await page.getByRole('button', { name: /^b10900000001 create posts/ }).waitFor({ timeout: 1000 });
    if (!(await page.getByRole('button', { name: 'upgrade +1', exact: true }).isEnabled())) throw new Error('upgrade +1 disabled');
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = Object.fromEntries(performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop().replace(/-[0-9a-f]{16}/, ''), { start: r.startTime, end: r.responseEnd }]));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return { ...window.__perf, responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, loadEnd: nav.loadEventEnd, res, fcp };
    });
    // Then the first click of this fresh page (its engine code has never run yet).
    const c = await clickOnce(page);
    m.firstClick = c.frame - c.click;
    m.firstClickDom = c.dom - c.click;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return m;
  } finally {
    await close();
  }
}

// In the page: note the click (capture listener on window, before the app's own listener),
// then the first moment the DOM shows the upgraded state, then the next animation frame.
function armClick() {
  const r = (window.__click = { click: null, eventStamp: null, dom: null, frame: null, painted: null });
  const upgraded = () =>
    document.querySelector('#version-rows')?.textContent === 'b10900000001'
    && document.querySelector('.graph g.node.current[data-revision="b10900000001"]')
    && document.querySelector('details.table[data-table="posts"]');
  addEventListener('click', (e) => { r.click = performance.now(); r.eventStamp = e.timeStamp; }, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (r.click === null || r.dom !== null || !upgraded()) return;
    r.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      r.frame = performance.now();
      // A task posted from the frame's animation callbacks runs once that frame's rendering
      // (style, layout, paint) is done on the main thread.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { r.painted = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
}

async function clickOnce(page) {
  await page.evaluate(armClick);
  await clickAtRandomPhase(page, 'upgrade +1');
  await page.waitForFunction(() => window.__click.painted !== null, null, { timeout: 10000 });
  return page.evaluate(() => window.__click);
}

const ready = (page) => page.waitForFunction(() => window.__perf?.readyFrame != null, null, { timeout: 30000 });

async function clicks(url, { reload }) {
  const { context, close } = await launch();
  try {
    await context.addInitScript(probe);
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await ready(page);
    const out = [];
    for (let i = 0; i < CLICKS; i++) {
      if (i > 0) {
        if (reload) {
          // The page saves its workspace when idle (within 500 ms) and on leaving: let that
          // happen, then forget it, so the reload starts fresh again.
          await page.waitForTimeout(700);
          await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
          await page.reload();
          await ready(page);
        } else {
          await resetByDowngrade(page);
        }
      }
      out.push(await clickOnce(page));
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return out;
  } finally {
    await close();
  }
}

// CPU profiles (V8's sampler, 100 µs) of one cold load and of CLICKS clicks in one page:
// .cpuprofile files (open in DevTools' Performance panel) and the top functions by self and
// total time. Wasm frames have names only if the wasm keeps its name section (trunk's
// release build drops it; see web/PERF.md for the profiling build).
function summarize(profiles, label, top = 25) {
  const self = new Map(), total = new Map();
  let all = 0;
  for (const profile of [profiles].flat()) all += tally(profile, self, total);
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  const list = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `    ${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  return `${label}: ${all.toFixed(1)} ms profiled, ${busy.toFixed(1)} ms not idle\n  self time:\n${list(self)}\n  total time:\n${list(total)}`;
}

function tally(profile, self, total) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const where = f.url ? f.url.split('/').pop().replace(/-[0-9a-f]{16}/, '') : '';
    return `${(f.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}/g, '')}${where && !f.url.startsWith('wasm') ? ` [${where}]` : ''}`;
  };
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
    all += dt;
    const leaf = byId.get(id);
    if (name(leaf) === '(idle)') return;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = name(byId.get(n));
      if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + dt); }
    }
  });
  return all;
}

async function profileRun(url, dir) {
  await mkdir(dir, { recursive: true });
  const { context, close } = await launch();
  try {
    await context.addInitScript(probe);
    const page = context.pages()[0] ?? await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await ready(page);
    const load = (await cdp.send('Profiler.stop')).profile;
    await writeFile(join(dir, 'load.cpuprofile'), JSON.stringify(load));
    const marks = await page.evaluate(() => window.__perf);
    console.log(`profiled load: ready at ${marks.ready.toFixed(1)} ms`);
    console.log(summarize(load, 'cold load (navigation to ready)'));
    await cdp.send('Profiler.start');
    const times = [];
    for (let i = 0; i < CLICKS; i++) {
      if (i > 0) await resetByDowngrade(page);
      const r = await clickOnce(page);
      times.push(r.frame - r.click);
    }
    const clicks = (await cdp.send('Profiler.stop')).profile;
    await writeFile(join(dir, 'clicks.cpuprofile'), JSON.stringify(clicks));
    console.log(`profiled clicks (upgrade +1 then downgrade base, ${CLICKS}x): ${stats(times)}`);
    console.log(summarize(clicks, `${CLICKS} x (upgrade +1, downgrade base)`, 40));
    // Only the click: profiler on from just before the click to the frame after it, each
    // the first click after a reload.
    const only = [];
    const times2 = [];
    for (let i = 0; i < CLICKS; i++) {
      // Let the saved workspace be written (idle, within 500 ms), forget it, reload fresh.
      await page.waitForTimeout(700);
      await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
      await page.reload();
      await ready(page);
      await page.evaluate(armClick);
      const button = page.getByRole('button', { name: 'upgrade +1', exact: true });
      await button.waitFor();
      await cdp.send('Profiler.start');
      await button.click();
      await page.waitForFunction(() => window.__click.frame !== null, null, { timeout: 10000 });
      only.push((await cdp.send('Profiler.stop')).profile);
      const r = await page.evaluate(() => window.__click);
      times2.push(r.frame - r.click);
    }
    await writeFile(join(dir, 'first-clicks.cpuprofiles.json'), JSON.stringify(only));
    console.log(`profiled first clicks after a reload: ${stats(times2)}`);
    console.log(summarize(only, `${CLICKS} x upgrade +1 after a reload (sum over clicks)`, 60));
  } finally {
    await close();
  }
}

// Chromium traces (devtools.timeline) of `upgrade +1` clicks: TRACES fresh pages' first
// click after loading, then TRACES clicks in one page (reset by `downgrade base`). For each,
// the renderer main thread from the click's dispatch to the end of the next paint: the wall
// time, and the time the thread was busy in it (script, style, layout, paint: the click's
// work, which must fit in a 16 ms frame) — the rest is waiting for the frame clock.
async function traceClicks(url, dir) {
  await mkdir(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const n = Number(process.env.TRACES ?? 5);
  const traceOne = async (page, path) => {
    await browser.startTracing(page, { path, categories: ['devtools.timeline'] });
    const r = await clickOnce(page);
    await page.waitForTimeout(100);
    await browser.stopTracing();
    const events = JSON.parse(await readFile(path, 'utf8')).traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    const click = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    const paint = onMain.find((e) => e.ts > click.ts + click.dur && (e.name === 'Paint' || e.name === 'PaintImage'));
    // The frame's main-thread work ends with its layerization (then the compositor draws it).
    const layerize = paint && onMain.find((e) => e.name === 'Layerize' && e.ts >= paint.ts + paint.dur && e.ts < paint.ts + paint.dur + 10000);
    const end = layerize ? layerize.ts + layerize.dur : paint ? paint.ts + paint.dur : click.ts + click.dur;
    // Top-level events only (not nested in another event of the window).
    const win = onMain.filter((e) => e.ts >= click.ts && e.ts <= end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const top = [];
    for (const e of win) if (!top.some((t) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur)) top.push(e);
    const nested = (name) => win.filter((e) => e.name === name).reduce((a, e) => a + e.dur, 0) / 1000;
    const t = {
      inPage: r.frame - r.click, inPagePainted: r.painted - r.click, wall: (end - click.ts) / 1000, busy: top.reduce((a, e) => a + Math.min(e.dur, end - e.ts), 0) / 1000,
      script: click.dur / 1000, style: nested('UpdateLayoutTree'), layout: nested('Layout'), paint: nested('Paint') + nested('PrePaint') + nested('Layerize'),
    };
    console.log(`  click→end of paint ${t.wall.toFixed(1)} ms, busy ${t.busy.toFixed(1)} ms (click handler ${t.script.toFixed(1)}, style ${t.style.toFixed(1)}, layout ${t.layout.toFixed(1)}, paint ${t.paint.toFixed(1)}); in page click→frame ${t.inPage.toFixed(1)} ms, →painted ${t.inPagePainted.toFixed(1)} ms`);
    return t;
  };
  const summary = (label, ts) => {
    console.log(`TRACED ${label}: click → end of paint ${stats(ts.map((t) => t.wall))}`);
    console.log(`  busy (the click's work):  ${stats(ts.map((t) => t.busy))}`);
    console.log(`  of which click handler ${median(ts.map((t) => t.script)).toFixed(1)}, style ${median(ts.map((t) => t.style)).toFixed(1)}, layout ${median(ts.map((t) => t.layout)).toFixed(1)}, paint ${median(ts.map((t) => t.paint)).toFixed(1)} ms (medians)`);
  };
  try {
    const first = [];
    for (let i = 0; i < n; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(probe);
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      first.push(await traceOne(page, join(dir, `first-click-${i + 1}.json`)));
      await context.close();
    }
    summary('first click of a fresh page', first);
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    const series = [];
    for (let i = 0; i < n; i++) {
      if (i > 0) await resetByDowngrade(page);
      series.push(await traceOne(page, join(dir, `click-${i + 1}.json`)));
    }
    summary('clicks in one page', series);
    await context.close();
  } finally {
    await browser.close();
  }
}

// A 1,000-revision chain (tests/e2e/helpers.mjs `longChain`) imported as loose files into a
// fresh page, then `upgrade head` clicked: click to the DOM showing the last revision in
// the version table (the engine, the rehearsal on a copy, the panels), per revision; then
// one more click (`downgrade -1`, which asks first: its downgrade is empty) to the dialog.
async function longChainRun(url) {
  const n = 1000;
  const { context, close } = await launch();
  try {
    await context.addInitScript(probe);
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(url);
    await ready(page);
    let t = Date.now();
    await page.locator('#import-files').setInputFiles(longChain(n));
    await page.locator(`.graph g.node[data-revision="${chainId(n - 1)}"]`).waitFor({ timeout: 120000 });
    const imported = Date.now() - t;
    await page.waitForTimeout(1000);
    const until = (check) => page.evaluate((source) => new Promise((done) => {
      const test = new Function(`return (${source})()`);
      addEventListener('click', () => {
        const t0 = performance.now();
        const o = new MutationObserver(() => { if (test()) { o.disconnect(); done(performance.now() - t0); } });
        o.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }, { capture: true, once: true });
    }), check.toString());
    const last = chainId(n - 1);
    const upgraded = until(new Function(`return document.querySelector('#version-rows')?.textContent === '${last}'`));
    await page.getByRole('button', { name: 'upgrade head', exact: true }).click();
    const up = await upgraded;
    await page.waitForTimeout(1000);
    const asked = until(() => document.querySelector('form.confirm') !== null);
    await page.getByRole('button', { name: 'downgrade -1', exact: true }).click();
    const next = await asked;
    console.log(`LONG CHAIN ${n} revisions: import → graph ${imported} ms (Playwright's clock); upgrade head click → version shown ${up.toFixed(0)} ms, ${(up / n).toFixed(3)} ms/revision; next click (downgrade -1 → its dialog) ${next.toFixed(0)} ms`);
  } finally {
    await close();
  }
}

const server = await serveDist(DIST);
try {
  console.log(`dist: ${DIST}`);
  if (ONLY_PROFILE) {
    await profileRun(server.url, PROFILE);
    process.exit(0);
  }
  if (process.env.ONLY_LONG_CHAIN) {
    for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) await longChainRun(server.url);
    process.exit(0);
  }
  if (process.env.ONLY_TRACE) {
    await traceClicks(server.url, process.env.ONLY_TRACE);
    process.exit(0);
  }
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const m = await coldLoad(server.url);
    loads.push(m);
    const w = m.wasm?.[0];
    console.log(`load ${i + 1}: ready ${m.ready.toFixed(1)} ms, frame ${m.readyFrame.toFixed(1)} ms`
      + ` | html ${m.responseEnd.toFixed(1)}, js ${m.res['web.js']?.end.toFixed(1)}, wasm fetched ${m.res['web_bg.wasm']?.end.toFixed(1)},`
      + ` ${w?.name} ${w?.start.toFixed(1)}→${w?.end.toFixed(1)}, started ${m.started?.toFixed(1)}, fcp ${m.fcp?.toFixed(1)}`
      + ` | first click ${m.firstClick.toFixed(1)} ms`);
  }
  console.log(`COLD LOAD to interactive (DOM ready): ${stats(loads.map((m) => m.ready))}`);
  console.log(`COLD LOAD to the frame after it:      ${stats(loads.map((m) => m.readyFrame))}`);
  const phase = (f) => stats(loads.map(f));
  console.log(`  navigation start → html responseEnd: ${phase((m) => m.responseEnd)}`);
  console.log(`  navigation start → wasm fetched:     ${phase((m) => m.res['web_bg.wasm'].end)}`);
  console.log(`  wasm compile+instantiate:            ${phase((m) => m.wasm[0].end - m.wasm[0].start)}`);
  console.log(`  instantiated → graph in DOM (main):  ${phase((m) => m.ready - m.wasm[0].end)}`);
  console.log(`CLICK upgrade +1, first click after a cold load → frame: ${phase((m) => m.firstClick)}`);
  console.log(`  click → DOM updated:   ${phase((m) => m.firstClickDom)}`);
  console.log(`  each (ms): ${loads.map((m) => m.firstClick.toFixed(1)).join(' ')}`);

  for (const reload of (CLICKS > 0 ? [true, false] : [])) {
    const runs = await clicks(server.url, { reload });
    const label = reload ? 'first click after a reload' : 'one page, reset by downgrade base';
    console.log(`CLICK upgrade +1 → frame after repaint (${label}): ${stats(runs.map((r) => r.frame - r.click))}`);
    console.log(`  click → DOM updated:   ${stats(runs.map((r) => r.dom - r.click))}`);
    console.log(`  DOM updated → frame:   ${stats(runs.map((r) => r.frame - r.dom))}`);
    console.log(`  input event → click handler start: ${stats(runs.map((r) => r.click - r.eventStamp))}`);
    console.log(`  each (ms): ${runs.map((r) => (r.frame - r.click).toFixed(1)).join(' ')}`);
    console.log(`CLICK upgrade +1 → that frame painted (${label}): ${stats(runs.map((r) => r.painted - r.click))}`);
    console.log(`  each (ms): ${runs.map((r) => (r.painted - r.click).toFixed(1)).join(' ')}`);
  }

  if (PROFILE) await profileRun(server.url, PROFILE);
} finally {
  server.close();
}
