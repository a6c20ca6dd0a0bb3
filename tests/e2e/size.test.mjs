// The budget: everything the page downloads is at most 800 KB gzip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const BUDGET = 800 * 1000; // the stricter reading of "800 KB"

test('page download is at most 800 KB gzip', async () => {
  let total = 0;
  const sizes = {};
  for (const name of await readdir(DIST)) {
    if (!/\.(html|js|wasm|css)$/.test(name)) continue;
    const size = gzipSync(await readFile(DIST + name), { level: 9 }).length;
    sizes[name] = size;
    total += size;
  }
  assert.ok(total <= BUDGET, `gzip total ${total} bytes > ${BUDGET}: ${JSON.stringify(sizes)}`);
});
