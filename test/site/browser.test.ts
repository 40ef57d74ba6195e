// The static site in a real browser: headless Chromium from Debian's package, driven by
// playwright-core (which downloads nothing). Every page is opened from file://, as a reader who
// double-clicks out/site/index.html would: no console error, every chart drew, a legend click
// hides a counterfactual (and the Monte Carlo band as one), a published figure's tooltip gives
// its quote, the links lead to pages that exist, the index sorts and filters, and axe-core finds
// no serious or critical accessibility violation. A screenshot of each page is written to
// test/output/site/ to be looked at.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { scratchProject, repoRoot } from '../cli/report-helpers.js';
import { findChromium, noChromiumMessage } from './find-chromium.js';

const chromium = findChromium();
if (!chromium && process.env.CI !== 'true') console.warn(`skipping the browser tests of the site: ${noChromiumMessage}`);
const screenshots = path.join(repoRoot, 'test/output/site');
const execFileAsync = promisify(execFile);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!chromium && process.env.CI !== 'true')('the static site in headless Chromium', () => {
  let dir: string;
  let site: string;
  let browser: Browser;
  let pages: string[];

  beforeAll(async () => {
    if (!chromium) throw new Error(`CI=true: ${noChromiumMessage}`);
    dir = await scratchProject();
    // A few Monte Carlo seeds, so the charts have bands to toggle, and a small sensitivity run,
    // so the pages have every kind of chart (the benefit bars and the boundary maps' matrix).
    // The built binary, so the boundary maps are computed on worker threads.
    // And an incident without a model, imported from a plain postmortem: a page with no chart.
    const postmortem = path.join(repoRoot, 'test/fixtures/no-model/checkout-outage-postmortem.md');
    await execFileAsync(process.execPath, [path.join(repoRoot, 'dist/cli/bin.js'), 'import', postmortem, '--year', '2024', '--id', 'checkout-2024-03-14', '-o', 'incidents/checkout-2024-03-14.yaml'], { cwd: dir });
    const r = await execFileAsync(process.execPath, [path.join(repoRoot, 'dist/cli/bin.js'), 'site', '--seeds', '8', '--sensitivity-samples', '8'], {
      cwd: dir,
      env: { ...process.env, CI: 'true' },
    });
    expect(r.stderr).toBe('');
    site = path.join(dir, 'out/site');
    pages = ['index.html', ...(await readdir(site, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== 'assets').map((e) => `${e.name}/index.html`).sort()];
    const { chromium: launcher } = await import('playwright-core');
    // As root (CI) Chromium runs only without its sandbox; a container's small /dev/shm would
    // crash it, so its shared memory goes to /tmp.
    browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    await rm(screenshots, { recursive: true, force: true });
    await mkdir(screenshots, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Opens a page of the site, collecting console errors and uncaught exceptions. */
  async function open(relative: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(path.join(site, relative)).href);
    return { page, errors };
  }

  it('opens every page with no console error, every chart drawn, and a screenshot', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const relative of pages) {
      const { page, errors } = await open(relative);
      const canvases = await page.locator('canvas[data-chart]').count();
      if (canvases > 0) await page.waitForSelector(`html[data-charts-drawn="${canvases}"]`, { timeout: 10_000 });
      // Every canvas has pixels drawn on it (a blank canvas is all transparent).
      const blank = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')]
          .filter((c) => {
            const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
            let drawn = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
            return c.width === 0 || drawn < 1000;
          })
          .map((c) => c.dataset.chart),
      );
      expect(blank, relative).toEqual([]);
      // Text off screen is laid out only when scrolled near (content-visibility in site.css); a
      // full-page screenshot takes the page without scrolling, so everything is shown first.
      await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
      await page.screenshot({ path: path.join(screenshots, `${relative.replace(/\/index\.html$|\.html$/, '').replace(/\//g, '-')}.png`), fullPage: true });
      expect(errors, relative).toEqual([]);
      if (relative.startsWith('aws-')) expect(canvases, relative).toBeGreaterThan(0);
      if (relative.startsWith('checkout-')) expect(canvases, 'no model, no chart').toBe(0);
      // Every kind of chart the reports make: series over time, the benefit bars, a boundary map.
      if (relative.startsWith('aws-ebs-2011-04-21/')) {
        expect(await page.locator('canvas[data-chart="benefit"]').count()).toBe(1);
        expect(await page.locator('canvas[data-chart^="boundary-"]').count()).toBeGreaterThan(0);
      }
      await page.close();
    }
  });

  it('draws every chart without making an Intl object (hovering formats with it: the tooltip test)', async () => {
    // A page's first Intl object loads the browser's locale data, which costs more than a chart:
    // ticks are labelled without it (plain-number-ticks.ts, tick-labels.ts) until a reader hovers.
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      const made: string[] = ((window as unknown as { intlMade: string[] }).intlMade = []);
      for (const name of ['NumberFormat', 'DateTimeFormat'] as const) {
        const Original = Intl[name] as unknown as new (...a: unknown[]) => object;
        const Counted = function (...a: unknown[]) {
          if (!document.documentElement.dataset.chartsDrawn) made.push(name);
          return new Original(...a);
        };
        Counted.prototype = Original.prototype;
        (Intl as unknown as Record<string, unknown>)[name] = Counted;
      }
    });
    await page.goto(pathToFileURL(path.join(site, 'aws-ebs-2011-04-21/index.html')).href);
    await page.waitForSelector('html[data-charts-drawn]');
    expect(await page.evaluate(() => (window as unknown as { intlMade: string[] }).intlMade)).toEqual([]);
    // The time axis shows the labels the site carries for its fixed ticks (the report's own).
    const { shown, carried } = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('site-data')!.textContent!) as { charts: Record<string, { tickLabels?: string[] }> };
      const x = window.incidentReplay!.charts.get('stuck')!.scales.x!;
      return { shown: x.ticks.map((t) => t.label), carried: data.charts.stuck!.tickLabels! };
    });
    expect(shown.length).toBeGreaterThan(2);
    for (const label of shown) expect(carried).toContain(label);
    await page.close();
  });

  it('hides a counterfactual, and the Monte Carlo band with both its edges, on a legend click', async () => {
    const { page, errors } = await open(pages[1]!);
    await page.waitForSelector('html[data-charts-drawn]');
    for (const prefix of ['Counterfactual:', 'Replay, 10–90%']) {
      const target = await page.evaluate(async (prefix) => {
        for (const [name, chart] of window.incidentReplay!.charts) {
          const items = chart.legend!.legendItems!;
          const i = items.findIndex((it) => it.text.startsWith(prefix));
          if (i === -1) continue;
          // Scrolled first, then two frames: a responsive chart that resizes (a scroll bar
          // coming or going) lays its legend out again before the hit box is read.
          chart.canvas.scrollIntoView();
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const box = (chart.legend as unknown as { legendHitBoxes: { left: number; top: number; width: number; height: number }[] }).legendHitBoxes[i]!;
          const rect = chart.canvas.getBoundingClientRect();
          const scale = rect.width / chart.width;
          return { name, dataset: items[i]!.datasetIndex!, x: (box.left + box.width / 2) * scale, y: (box.top + box.height / 2) * scale };
        }
        return undefined;
      }, prefix);
      expect(target, prefix).toBeDefined();
      const canvas = page.locator(`canvas[data-chart="${target!.name}"]`);
      await canvas.scrollIntoViewIfNeeded();
      const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
      await canvas.click({ position: { x: target!.x, y: target!.y } });
      // Chart.js handles a DOM event at the next animation frame (its listeners are throttled to
      // frames): the state is read two frames after the click.
      const after = await page.evaluate(async ({ name, dataset }) => {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const chart = window.incidentReplay!.charts.get(name)!;
        return { image: chart.canvas.toDataURL(), visible: chart.isDatasetVisible(dataset), below: dataset > 0 ? chart.isDatasetVisible(dataset - 1) : null };
      }, target!);
      expect(after.visible, prefix).toBe(false);
      if (prefix.startsWith('Replay')) expect(after.below, 'the lower edge of the band goes with it').toBe(false);
      expect(after.image, `${prefix}: the chart changed`).not.toBe(before);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the quote and provenance of a published figure on hover, and zooms and resets', async () => {
    const { page, errors } = await open(pages[1]!);
    await page.waitForSelector('html[data-charts-drawn]');
    const point = await page.evaluate(() => {
      for (const [name, chart] of window.incidentReplay!.charts) {
        const index = chart.data.datasets.findIndex((d) => d.type === 'scatter');
        if (index === -1) continue;
        const element = chart.getDatasetMeta(index).data[0]!;
        chart.canvas.scrollIntoView();
        const scale = chart.canvas.getBoundingClientRect().width / chart.width;
        return { name, x: element.x * scale, y: element.y * scale };
      }
      return undefined;
    });
    expect(point).toBeDefined();
    const canvas = page.locator(`canvas[data-chart="${point!.name}"]`);
    await canvas.hover({ position: { x: point!.x, y: point!.y } });
    // The hover reaches Chart.js at the next animation frame (see the legend click above).
    const tooltip = await page.evaluate(async (name) => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const chart = window.incidentReplay!.charts.get(name)!;
      return [...chart.tooltip!.title, ...chart.tooltip!.body.flatMap((b) => [...b.lines, ...b.after])].join('\n');
    }, point!.name);
    // Titled with the point's local time, in the zone the axis names.
    expect(tooltip).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\n/);
    expect(tooltip).toMatch(/\((published|reading|secondary|derived|assumed)\)/);
    expect(tooltip).toMatch(/replay .*(within|outside) ±/);
    expect(tooltip).toMatch(/“.+/);
    // Zoom in with the plugin, then the Reset zoom button restores the whole span.
    const zoomed = await page.evaluate((name) => {
      type Zoomable = { zoom(f: number): void; scales: Record<string, { min: number; max: number; ticks: { value: number }[] }>; options: { scales: { x: { ticks: { source?: string } } } } };
      const chart = window.incidentReplay!.charts.get(name)! as unknown as Zoomable;
      const full = chart.scales.x!.max - chart.scales.x!.min;
      const before = chart.options.scales.x.ticks.source;
      chart.zoom(2);
      const x = chart.scales.x!;
      return { full, zoomed: x.max - x.min, source: { before, zoomed: chart.options.scales.x.ticks.source }, ticks: x.ticks.map((t) => t.value), range: [x.min, x.max] };
    }, point!.name);
    expect(zoomed.zoomed).toBeLessThan(zoomed.full * 0.75);
    // Zoomed in, the ticks are Chart.js's own for the range shown, inside it; the whole span has
    // the report's fixed ones again after the reset.
    expect(zoomed.source).toEqual({ before: 'labels', zoomed: 'auto' });
    expect(zoomed.ticks.length).toBeGreaterThan(1);
    for (const t of zoomed.ticks) expect(t >= zoomed.range[0]! && t <= zoomed.range[1]!).toBe(true);
    await page.locator(`button.reset-zoom[data-chart="${point!.name}"]`).click();
    const reset = await page.evaluate((name) => {
      const chart = window.incidentReplay!.charts.get(name)!;
      return { span: chart.scales.x!.max - chart.scales.x!.min, source: (chart.options.scales!.x!.ticks as { source?: string }).source };
    }, point!.name);
    expect(reset.span).toBeCloseTo(zoomed.full, -3);
    expect(reset.source).toBe('labels');
    // A narrower window: the chart follows its frame, at the same proportions.
    const before = await page.evaluate((name) => window.incidentReplay!.charts.get(name)!.width, point!.name);
    await page.setViewportSize({ width: 640, height: 900 });
    await page.waitForFunction(
      ([name, before]) => window.incidentReplay!.charts.get(name as string)!.width < (before as number) * 0.75,
      [point!.name, before] as const,
    );
    const narrow = await page.evaluate((name) => {
      const chart = window.incidentReplay!.charts.get(name)!;
      return { width: chart.width, height: chart.height, frame: chart.canvas.parentElement!.clientWidth };
    }, point!.name);
    expect(narrow.width).toBe(narrow.frame);
    expect(narrow.height / narrow.width).toBeCloseTo(560 / 1100, 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links every page to pages that exist: index to reports and back', async () => {
    for (const relative of pages) {
      const { page } = await open(relative);
      const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!));
      for (const href of hrefs) {
        if (/^(https?|mailto):/.test(href)) continue;
        if (href.startsWith('#')) {
          const id = decodeURIComponent(href.slice(1));
          expect(await page.evaluate((id) => document.getElementById(id) !== null, id), `${relative} ${href}`).toBe(true);
          continue;
        }
        const target = fileURLToPath(new URL(href.replace(/#.*/, ''), page.url()));
        expect(existsSync(target), `${relative} → ${href}`).toBe(true);
      }
      await page.close();
    }
    // Following the links, as a reader would.
    const { page } = await open('index.html');
    const first = page.locator('table.incidents tbody a').first();
    const title = await first.textContent();
    await first.click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe(title);
    await page.getByRole('link', { name: 'All incidents' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Incident replays');
    await page.close();
  });

  it('sorts and filters the index', async () => {
    const { page, errors } = await open('index.html');
    const ids = () => page.evaluate(() => [...document.querySelectorAll<HTMLTableRowElement>('table.incidents tbody tr')].filter((r) => !r.hidden).map((r) => r.querySelector('a')!.textContent));
    const all = await ids();
    await page.getByRole('button', { name: 'Date' }).click();
    const ascending = await ids();
    await page.getByRole('button', { name: 'Date' }).click();
    expect(await ids()).toEqual([...ascending].reverse());
    expect(await page.locator('th:has(button:text("Date"))').getAttribute('aria-sort')).toBe('descending');
    await page.selectOption('#filter-year', '2020');
    const shown = await ids();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);
    expect(await page.locator('#incident-count').textContent()).toBe(`${shown.length} of ${all.length} incidents shown`);
    await page.selectOption('#filter-year', '');
    expect((await ids()).length).toBe(all.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    for (const relative of pages) {
      const { page } = await open(relative);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), relative).toEqual([]);
      await page.close();
    }
  });
});
