// Speed and size of the static site. Targets (issue 11): `site` for the three incidents under
// 5 s; all of out/site/ under 3 MB; each incident page, opened from file:// in headless
// Chromium, drawn (every chart) under 1 s. `site` is spawned from cold, as a user runs it,
// twice: without the sensitivity run (as bench/build.bench.mjs times `build`), and with it from
// a warm cache (what `site` costs after a `build`, which fills the cache). The page load is the
// time from the navigation's start to the mark the site's script sets once every chart is
// drawn (Chart.js draws on construction, animation off), median of 5 loads in fresh pages.
// Run `npm run build` first (npm run bench does). Without Chromium the page loads are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './timing.mjs';

const bin = path.resolve('dist/cli/bin.js');
const runs = 3;
const verdict = (ok) => (ok ? 'within target' : 'OVER TARGET');

function site(args, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'site', ...args, '--out', out, '--stats'], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`incident-replay site ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  const stats = JSON.parse(/stats: (\{.*\})/.exec(r.stderr)[1]);
  return { wall, cpu: stats.cpuMs, rss: stats.maxRssMb };
}

function measure(args) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(path.join(tmpdir(), 'bench-site-'));
    results.push(site(args, out));
    rmSync(out, { recursive: true, force: true });
  }
  return { wall: median(results.map((r) => r.wall)), cpu: median(results.map((r) => r.cpu)), rss: Math.max(...results.map((r) => r.rss)) };
}

function sizeOf(dir) {
  let total = 0;
  const files = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const bytes = statSync(full).size;
    total += bytes;
    files.push([path.relative(dir, full), bytes]);
  }
  return { total, files };
}

const incidents = readdirSync('incidents').filter((f) => /\.(ya?ml|json)$/.test(f)).length;
const plain = measure(['--no-sensitivity']);
console.log(`site of ${incidents} incidents --no-sensitivity, cold process (median of ${runs}): ${plain.wall.toFixed(0)} ms (target < 5000 ms: ${verdict(plain.wall < 5000)}; CPU ${plain.cpu} ms, peak memory ${plain.rss} MB)`);
// Fill the cache of the sensitivity runs and boundary maps (node_modules/.cache), unmeasured.
const warm = mkdtempSync(path.join(tmpdir(), 'bench-site-'));
site([], warm);
const cached = measure([]);
console.log(`site of ${incidents} incidents with the sensitivity run from a warm cache, cold process: ${cached.wall.toFixed(0)} ms (target < 5000 ms: ${verdict(cached.wall < 5000)}; CPU ${cached.cpu} ms)`);

const siteDir = path.join(warm, 'site');
const { total, files } = sizeOf(siteDir);
console.log(`out/site/ (with the sensitivity and boundary-map charts): ${(total / 1e6).toFixed(2)} MB in ${files.length} files (target < 3 MB: ${verdict(total < 3e6)})`);
for (const [file, bytes] of files.sort()) console.log(`  ${file}: ${(bytes / 1e3).toFixed(0)} kB`);

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => existsSync(c));
if (!chromium) console.log('page loads skipped: no Chromium (apt-get install chromium)');
else {
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const pages = readdirSync(siteDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'assets').map((e) => e.name).sort();
  for (const id of pages) {
    const times = [];
    let charts = 0;
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(path.join(siteDir, id, 'index.html')).href);
      await page.waitForSelector('html[data-charts-drawn]');
      const at = await page.evaluate(() => performance.getEntriesByName('incident-replay:charts-drawn')[0].startTime);
      charts = Number(await page.evaluate(() => document.documentElement.dataset.chartsDrawn));
      times.push(at);
      await page.close();
    }
    const t = median(times);
    console.log(`page ${id} (${charts} charts), file:// to every chart drawn in headless Chromium (median of 5): ${t.toFixed(0)} ms (target < 1000 ms: ${verdict(t < 1000)})`);
  }
  await browser.close();
}
rmSync(warm, { recursive: true, force: true });
