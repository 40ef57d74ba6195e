// The static site as files: written by `site` (and `build --site`) through the staged swap of
// write-output.ts, byte-identical from run to run, left alone by a build without --site, never
// over a directory it did not write; its pages built from the reports (links, charts, data).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, scratchProject, snapshot, repoRoot } from '../cli/report-helpers.js';
import { siteUrl, reportToHtml } from '../../src/site/report-to-html.js';
import { thinChart, sitePointsPerSeries } from '../../src/site/thin-chart.js';
import { inlineJson } from '../../src/site/html-document.js';
import { wrap } from '../../src/site/browser/figure-tooltip.js';
import { incidentPage } from '../../src/site/incident-page.js';
import { readSiteAssets } from '../../src/site/site-assets.js';
import type { GeneratedReport } from '../../src/report/generate-report.js';
import type { IncidentSummary } from '../../src/report/incident-summary.js';

describe('incident-replay site', () => {
  let dir: string;
  let first: Map<string, string>;

  beforeAll(async () => {
    dir = await scratchProject();
    const r = await run(dir, 'site');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote out\/site\/index\.html and 3 incident pages/);
    first = await snapshot(path.join(dir, 'out'));
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes only out/site/: an index, a page per incident, the bundled script and stylesheet', () => {
    const files = [...first.keys()].sort();
    expect(files.every((f) => f.startsWith('site/'))).toBe(true);
    expect(files).toEqual(
      expect.arrayContaining(['site/index.html', 'site/assets/site.js', 'site/assets/site.css', 'site/aws-ebs-2011-04-21/index.html', 'site/aws-kinesis-2020-11-25/index.html']),
    );
    const page = Buffer.from(first.get('site/aws-ebs-2011-04-21/index.html')!, 'base64').toString('utf8');
    // Self-contained: no address outside the site is loaded (links to sources are only links).
    expect(page).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
    expect(page).not.toMatch(/<link[^>]+href="(https?:)?\/\//);
    expect(page).toContain('<script defer src="../assets/site.js"></script>\n</head>');
    expect(page).toMatch(/<canvas id="chart-stuck" data-chart="stuck" role="img" aria-label="[^"]+">/);
    // The chart data is inline, and every canvas has its configuration.
    const data = JSON.parse(/<script type="application\/json" id="site-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: Record<string, { config: { data: { datasets: { data: unknown[] }[] } }; figures?: { notes: { quote?: string }[] } }> };
    for (const [, name] of page.matchAll(/<canvas id="chart-[^"]+" data-chart="([^"]+)"/g)) expect(data.charts[name!], name).toBeDefined();
    for (const chart of Object.values(data.charts)) for (const d of chart.config.data.datasets) expect(d.data.length).toBeLessThanOrEqual(sitePointsPerSeries + 2);
    // Every time axis's fixed ticks come with their labels, so the page draws without Intl.
    const timeCharts = Object.values(data.charts as Record<string, { config: { options: { scales: { x: { type?: string } } }; data: { labels?: number[] } }; tickLabels?: string[] }>).filter((c) => c.config.options.scales.x.type === 'time');
    expect(timeCharts.length).toBeGreaterThan(3);
    for (const chart of timeCharts) expect(chart.tickLabels).toHaveLength(chart.config.data.labels!.length);
    expect(data.charts.stuck!.figures!.notes.some((n) => n.quote !== undefined)).toBe(true);
    // The report's text, its links to the index and its citations.
    expect(page).toContain('<a href="../index.html">All incidents</a>');
    expect(page).toMatch(/<h2 id="sources">Sources<\/h2>/);
    expect(page).not.toMatch(/charts\/[^"]+\.(png|svg|json)/);
  });

  it('is byte-identical when rebuilt', async () => {
    const r = await run(dir, 'site');
    expect(r.code).toBe(0);
    expect(await snapshot(path.join(dir, 'out'))).toEqual(first);
  });

  it('is left alone by a build without --site, and a build --check ignores it', async () => {
    expect((await run(dir, 'build')).code).toBe(0);
    const after = await snapshot(path.join(dir, 'out'));
    for (const [file, data] of first) expect(after.get(file), file).toBe(data);
    const check = await run(dir, 'build', '--check');
    expect(check.stdout).toMatch(/is up to date/);
    expect(check.code).toBe(0);
  });

  it('is written with the reports by build --site, and checked by build --check --site', async () => {
    await rm(path.join(dir, 'out/site'), { recursive: true });
    const r = await run(dir, 'build', '--site');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote out\/site\/index\.html/);
    const built = await snapshot(path.join(dir, 'out'));
    for (const [file, data] of first) expect(built.get(file), file).toBe(data);
    expect((await run(dir, 'build', '--check', '--site')).code).toBe(0);
    await writeFile(path.join(dir, 'out/site/aws-ebs-2011-04-21/index.html'), 'edited');
    const stale = await run(dir, 'build', '--check', '--site');
    expect(stale.stdout).toContain('stale: out/site/aws-ebs-2011-04-21/index.html');
    expect(stale.code).toBe(1);
    expect((await run(dir, 'site')).code).toBe(0);
  });

  it('refuses to replace an out/site/ it did not write, and --site with --shard', async () => {
    const other = path.join(dir, 'other');
    await mkdir(path.join(other, 'site'), { recursive: true });
    await writeFile(path.join(other, 'site/index.html'), '<p>my own page</p>');
    const r = await run(dir, 'site', '--out', 'other');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other\/site\/ holds files the site generator did not write.*nothing was written/);
    expect(await readFile(path.join(other, 'site/index.html'), 'utf8')).toBe('<p>my own page</p>');
    const shard = await run(dir, 'build', '--site', '--shard', '1/2');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--site needs every incident/);
  });

  it('refuses an incident whose id is `site`, at its id', async () => {
    const project = await scratchProject();
    try {
      const file = path.join(project, 'incidents/aws-ebs-2012-10-22.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^id: .*$/m, 'id: site'));
      const r = await run(project, 'site');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/incidents\/aws-ebs-2012-10-22\.yaml:\d+:\d+ {2}error {2}incident id `site` is the directory of the static site.*build\/reserved-id/);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

describe('the site of an incident without a model', () => {
  it('goes from a plain postmortem through import to a page of text and a row of the index', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'incident-replay-site-no-model-'));
    try {
      await mkdir(path.join(project, 'incidents'));
      const postmortem = path.join(repoRoot, 'test/fixtures/no-model/checkout-outage-postmortem.md');
      const imported = await run(project, 'import', postmortem, '--year', '2024', '--id', 'checkout-2024-03-14', '-o', 'incidents/checkout-2024-03-14.yaml');
      expect(imported.code).toBe(0);
      const draft = await readFile(path.join(project, 'incidents/checkout-2024-03-14.yaml'), 'utf8');
      expect(draft).not.toMatch(/^model:/m);
      await writeFile(path.join(project, 'incidents/checkout-2024-03-14.yaml'), draft.replace(/^service: .*$/m, 'service: Checkout'));
      const r = await run(project, 'site', '--no-sensitivity');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const page = await readFile(path.join(project, 'out/site/checkout-2024-03-14/index.html'), 'utf8');
      expect(page).toContain('<h1 id="checkout-outage-on-14-march-2024">Checkout outage on 14 March 2024</h1>');
      expect(page).toContain('<h2 id="timeline">Timeline</h2>');
      expect(page).not.toContain('<canvas');
      expect(page).not.toContain('id="site-data"');
      const index = await readFile(path.join(project, 'out/site/index.html'), 'utf8');
      expect(index).toMatch(/<tr data-service="Checkout" data-severity="[^"]+" data-year="2024" data-kind="none">/);
      expect(index).toContain('<a href="checkout-2024-03-14/index.html">Checkout outage on 14 March 2024</a>');
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

describe('site pages', () => {
  it('turn report links into page links, and drop any link that is not http(s), mailto or relative', () => {
    expect(siteUrl('../aws-ebs-2011-04-21/README.md')).toBe('../aws-ebs-2011-04-21/index.html');
    expect(siteUrl('README.md#sources')).toBe('index.html#sources');
    expect(siteUrl('#sources')).toBe('#sources');
    expect(siteUrl('https://aws.amazon.com/message/65648/')).toBe('https://aws.amazon.com/message/65648/');
    expect(siteUrl('javascript:alert(1)')).toBeUndefined();
    expect(siteUrl('data:text/html,x')).toBeUndefined();
  });

  it('render a report without charts (an incident with no model) as text alone, and drop raw HTML', () => {
    const html = reportToHtml('# Outage\n\n<script>alert(1)</script>\n\nText with [a link](javascript:alert(1)).\n\n![A chart](charts/x.png)\n', { charts: new Set() });
    expect(html).toContain('<h1 id="outage">Outage</h1>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<canvas');
    expect(html).toContain('<em>A chart</em>');
  });

  it('make a page of text for a report with no chart and no replay (an incident without a model)', () => {
    const report: GeneratedReport = {
      id: 'checkout-2023-11-08',
      tree: { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Checkout API outage' }] }] },
      markdown: '# Checkout API outage\n',
      charts: [],
      summary: { title: 'Checkout API outage' } as IncidentSummary,
    };
    const page = incidentPage(report, undefined, 'incident-replay test');
    expect(page).toContain('<title>Checkout API outage · incident replay</title>');
    expect(page).toContain('<h1 id="checkout-api-outage">Checkout API outage</h1>');
    expect(page).not.toContain('<canvas');
    expect(page).not.toContain('id="site-data"');
    expect(page).toContain('<script defer src="../assets/site.js"></script>\n</head>');
  });

  it('replace a chart image by its canvas and drop the line of its files', () => {
    const html = reportToHtml('![Stuck volumes over time](charts/stuck.png)\n\n*Also as [SVG](charts/stuck.svg); chart data: [stuck.json](charts/stuck.json).*\n', { charts: new Set(['stuck']) });
    expect(html).toContain('<canvas id="chart-stuck" data-chart="stuck" role="img" aria-label="Stuck volumes over time">');
    expect(html).not.toContain('stuck.svg');
  });

  it('thin each curve to the stated points per series, keeping its extremes', () => {
    const data = Array.from({ length: 4000 }, (_, i) => ({ x: i * 60_000, y: i === 1234 ? 99 : Math.sin(i / 100) }));
    const config = { type: 'line' as const, data: { datasets: [{ type: 'line' as const, data }, { type: 'scatter' as const, data: data.slice(0, 500) }] } };
    const thinned = thinChart(config);
    const curve = thinned.data.datasets[0]!.data as { y: number }[];
    expect(curve.length).toBeLessThanOrEqual(sitePointsPerSeries + 2);
    expect(Math.max(...curve.map((p) => p.y))).toBe(99);
    expect(thinned.data.datasets[1]!.data).toHaveLength(500);
    expect(config.data.datasets[0]!.data).toHaveLength(4000);
  });

  it('say how to build the script and stylesheet when the package has not bundled them', async () => {
    await expect(readSiteAssets('/nonexistent/site-assets/')).rejects.toThrow(/the site's script and stylesheet are not built .*run `npm run build`/);
  });

  it('inline JSON that cannot close its script element', () => {
    expect(inlineJson({ quote: '</script><script>alert(1)</script>' })).not.toContain('</script>');
    expect(JSON.parse(inlineJson({ quote: '</script>' }))).toEqual({ quote: '</script>' });
  });

  it('wrap a figure’s quote into tooltip lines', () => {
    const lines = wrap('At 12:47 AM PDT on April 21st, a network change was performed as part of our normal AWS scaling activities');
    expect(lines.every((l) => l.length <= 70)).toBe(true);
    expect(lines.join(' ')).toContain('a network change was performed');
  });
});
