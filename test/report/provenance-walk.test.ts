// The done-when of provenance: every figure, time, duration and percentage in the tables and
// lists of each shipped report is walked back to the incident file or the replay, and its
// provenance marker checked. No reading, derived or assumed figure is labelled published; every
// source a report cites is a public document; every published quote is in its source's local
// copy where one exists.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root, Table, TableRow, FootnoteDefinition, ListItem, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import { loadIncidentFile } from '../../src/incident/load.js';
import { replayIncident, kindForIncident } from '../../src/replay/replay-incident.js';
import { generateReport } from '../../src/report/generate-report.js';
import { parseTemplate } from '../../src/report/template/parse-template.js';
import { formatLocalTime } from '../../src/report/format/format-local-time.js';
import { resolveTime } from '../../src/incident/time.js';
import { eventProvenance, observedProvenance, numberIsIn } from '../../src/incident/provenance.js';
import { momentProvenance } from '../../src/incident/moment-provenance.js';
import { localCopyOf, quoteIsIn, readLocalCopy } from '../../src/incident/source-copy.js';
import { quotesOf } from '../../src/incident/checks/check-quotes.js';
import { areaUnit, formatNumber, formatQuantity } from '../../src/report/format/format-number.js';
import { formatHours } from '../../src/report/format/format-duration.js';
import { provenanceLabel } from '../../src/report/provenance-note.js';
import type { Incident } from '../../src/incident/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const template = parseTemplate(readFileSync(path.join(root, 'templates/default.md'), 'utf8'), 'templates/default.md');
const files = readdirSync(path.join(root, 'incidents')).filter((f) => f.endsWith('.yaml'));

// One replay per incident, shared by its tests.
const reports = new Map<string, ReturnType<typeof generate>>();
const report = (file: string) => reports.get(file) ?? reports.set(file, generate(file)).get(file)!;

async function generate(file: string) {
  const loaded = await loadIncidentFile(path.join(root, 'incidents', file));
  const incident = loaded.incident!;
  const replay = await replayIncident(incident, { incidentFile: path.join(root, 'incidents', file), workers: 0 });
  const kind = await kindForIncident(incident, path.join(root, 'incidents', file));
  const seriesInfo = Object.fromEntries(Object.entries(kind.series).map(([n, s]) => [n, { title: s.title, unit: s.unit }]));
  const result = generateReport(replay, template, { primarySeries: kind.primarySeries, seriesInfo });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const tree = unified().use(remarkParse).use(remarkGfm).parse(result.report.markdown) as Root;
  return { incident, replay, kind, markdown: result.report.markdown, tree, file: path.join(root, 'incidents', file) };
}

/** The nodes between the `## title` heading and the next one. */
function section(tree: Root, title: string): RootContent[] {
  const start = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && toString(n) === title);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = tree.children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth === 2);
  return tree.children.slice(start + 1, end === -1 ? undefined : end);
}

/** A table's rows as cell texts, and each row's footnote labels, keyed by the header. */
function rowsOf(table: Table): { cells: Record<string, string>; notes: string[] }[] {
  const [head, ...rows] = table.children;
  const names = head!.children.map((c) => toString(c));
  return rows.map((row: TableRow) => ({
    cells: Object.fromEntries(row.children.map((c, i) => [names[i]!, toString(c)])),
    notes: row.children.flatMap((c) => c.children.filter((n) => n.type === 'footnoteReference').map((n) => (n as { identifier: string }).identifier)),
  }));
}

function footnotes(tree: Root): Map<string, string> {
  return new Map(
    tree.children.filter((n): n is FootnoteDefinition => n.type === 'footnoteDefinition').map((d) => [d.identifier, toString(d)]),
  );
}

const local = (incident: Incident, time: string) => formatLocalTime((resolveTime(time, incident.timezone) as { epochMs: number }).epochMs, incident.timezone);

describe.each(files)('the report of %s', (file) => {
  it('marks every observed figure with the provenance of the incident file, and calls only stated numbers published', async () => {
    const { incident, tree } = await report(file);
    const notes = footnotes(tree);
    const table = section(tree, 'What the replay shows').find((n): n is Table => n.type === 'table')!;
    const rows = rowsOf(table);
    expect(rows).toHaveLength(incident.observed!.length);
    for (const { cells, notes: refs } of rows) {
      const point = incident.observed!.find((o) => o.id === cells.Figure)!;
      expect(point, cells.Figure).toBeDefined();
      // The value is the file's, the marker its provenance, and the footnote gives the evidence.
      expect(Number(cells.Value!.replace(/[%,]/g, ''))).toBeCloseTo(point.value, 6);
      const provenance = observedProvenance(point);
      expect(cells.Provenance, cells.Figure).toBe(provenanceLabel(provenance));
      expect(refs).toHaveLength(1);
      const note = notes.get(refs[0]!)!;
      if (provenance === 'published') {
        expect(numberIsIn(point.value, point.quote!), `${cells.Figure}: its quote states it`).toBe(true);
        // The footnote is wrapped at 100 columns like all prose: compare the words, not the breaks.
        expect(note.replace(/\s+/g, ' ')).toContain(`“${point.quote!.trim().replace(/\s+/g, ' ')}”`);
      } else {
        expect(note).not.toMatch(/^Published/);
        if (point.reading) expect(note.replace(/\s+/g, ' ')).toContain(point.reading.replace(/\s+/g, ' ').slice(0, 40));
      }
      // The time is the file's: a time, or the window, saying so when the time is not published.
      if (point.at) expect(cells.At).toBe(local(incident, point.at));
      else {
        expect(cells.At).toContain(local(incident, point.window!.from));
        if (point.aggregate === 'any') expect(cells.At).toContain('(time not published)');
      }
    }
  });

  it('marks every timeline row with its event’s provenance, at the event’s time', async () => {
    const { incident, tree } = await report(file);
    const table = section(tree, 'Timeline').find((n): n is Table => n.type === 'table')!;
    const rows = rowsOf(table);
    expect(rows).toHaveLength(incident.timeline.length);
    const remaining = [...incident.timeline];
    for (const { cells, notes } of rows) {
      const i = remaining.findIndex((e) => cells.Time!.replace(/^~/, '').startsWith(local(incident, e.at)) && cells.Event === toString(unified().use(remarkParse).parse(e.text)));
      expect(i, cells.Event).toBeGreaterThanOrEqual(0);
      const [event] = remaining.splice(i, 1);
      expect(cells.Provenance).toBe(provenanceLabel(eventProvenance(event!)));
      expect(notes).toHaveLength(1);
      expect(cells.Time!.startsWith('~')).toBe(event!.approximate === true);
    }
  });

  it('shows each key moment at the replay’s time with its provenance, and a missing one as not published', async () => {
    const { incident, replay, tree } = await report(file);
    const table = section(tree, 'Detection and response').find((n): n is Table => n.type === 'table')!;
    const origins = momentProvenance(incident);
    const all = rowsOf(table);
    // The trigger, when it comes before the start, leads the table with its event's provenance.
    const trigger = all.filter((r) => r.cells.Moment === 'Trigger');
    if (replay.moments.trigger !== undefined && replay.moments.trigger !== replay.moments.start) {
      expect(trigger).toHaveLength(1);
      expect(trigger[0]!.cells.Time).toBe(formatLocalTime(Date.parse(replay.moments.trigger), incident.timezone));
      expect(trigger[0]!.cells.Provenance).toBe(provenanceLabel(eventProvenance(incident.timeline.find((e) => e.phase === 'trigger')!)));
    } else expect(trigger).toHaveLength(0);
    const rows = all.filter((r) => r.cells.Moment !== 'Trigger');
    expect(rows.map((r) => r.cells.Moment)).toEqual(['Start', 'Detected', 'Mitigated', 'Resolved']);
    for (const { cells } of rows) {
      const name = ({ Start: 'start', Detected: 'detected', Mitigated: 'mitigated', Resolved: 'resolved' } as const)[cells.Moment as 'Start'];
      const at = replay.moments[name];
      if (at === undefined) {
        expect(cells.Time).toBe('not published');
        expect(cells['From the start']).toBe('');
        expect(cells.Provenance).toBe('not published');
      } else {
        expect(cells.Time).toBe(formatLocalTime(Date.parse(at), incident.timezone));
        expect(cells.Provenance).toBe(provenanceLabel(origins[name].provenance));
      }
    }
  });

  it('labels a key figure “Published” only when its provenance is published', async () => {
    const { incident, tree } = await report(file);
    const list = section(tree, 'Impact').find((n) => n.type === 'list')!;
    let figures = 0;
    for (const item of (list as { children: ListItem[] }).children) {
      const line = toString(item).replace(/\s+/g, ' ');
      const keyFigure = /\(largest impact, the (highest|lowest) figure\)/.test(line);
      const figure = incident.observed!.find((o) => (keyFigure ? line.includes(`: ${o.value}`) || line.includes(`: ${o.value.toLocaleString('en-US')}`) : false));
      if (!/^(Published|Reading|Secondary|Derived|Assumed)\b/.test(line)) continue;
      expect(figure, line).toBeDefined();
      expect(line.startsWith('Published')).toBe(observedProvenance(figure!) === 'published');
      figures++;
    }
    expect(figures).toBeGreaterThan(0);
  });

  it('cites only public documents, and quotes only what their local copies say', async () => {
    const { incident, markdown, file: incidentFile } = await report(file);
    expect(markdown).not.toMatch(/FACTS\.md|calibration facts/i);
    for (const source of incident.sources) expect(source.url ?? source.seed, source.id).toBeDefined();
    const urls = incident.sources.flatMap((s) => (s.url ? [s.url] : []));
    expect(new Set(urls).size).toBe(urls.length);
    // Every quote of the file — events, figures, remediations, factors, action items.
    let checked = 0;
    for (const { quote, source: id } of quotesOf(incident)) {
      const source = incident.sources.find((s) => s.id === id);
      const copy = source && localCopyOf(source, incidentFile);
      if (copy === undefined || !copy.ok) continue;
      expect(quoteIsIn(quote, readLocalCopy(copy.path)), quote).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    // A remediation is shown in quotation marks, so it must be one of the file's checked quotes.
    for (const s of incident.scenarios ?? []) if (s.remediation) expect(markdown.replace(/\s+/g, ' ')).toContain(`“${s.remediation.trim().replace(/\s+/g, ' ')}”`);
  });

  it('gives every parameter the file’s value and provenance, never calling an assumed or derived one published', async () => {
    const { incident, tree } = await report(file);
    const table = section(tree, 'Assumptions and limits of the model').find((n): n is Table => n.type === 'table')!;
    const rows = rowsOf(table);
    const parameters = Object.entries(incident.model!.parameters);
    expect(rows.map((r) => r.cells.Parameter)).toEqual(parameters.map(([name]) => name));
    for (const [name, p] of parameters) {
      const row = rows.find((r) => r.cells.Parameter === name)!;
      expect(row.cells.Value, name).toBe(formatNumber(p.value));
      expect(row.cells.Provenance, name).toBe(p.provenance);
    }
  });

  it('shows in the counterfactual tables only replayed figures, each the replay’s own, and says so', async () => {
    const { replay, kind, tree } = await report(file);
    const nodes = section(tree, 'Counterfactuals');
    const text = nodes.map((n) => toString(n)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Every figure in this table is replayed');
    const table = nodes.find((n): n is Table => n.type === 'table')!;
    const series = kind.primarySeries;
    const unit = kind.series[series]!.unit;
    const rows = rowsOf(table);
    expect(rows).toHaveLength(replay.scenarios.length);
    replay.scenarios.forEach((s, i) => {
      const m = s.metrics[series]!;
      const cells = Object.values(rows[i]!.cells);
      expect(cells[1], s.id).toBe(formatQuantity(m.peak, unit));
      expect(cells[2], s.id).toBe(`${formatNumber(m.impactArea)} ${areaUnit(unit)}`);
      expect(cells[3], s.id).toBe(m.hoursToRecover === null ? 'not within the replay' : formatHours(m.hoursToRecover));
    });
  });

  it('gives the file’s value of each parameter a scenario changes with that value’s provenance', async () => {
    const { incident, tree } = await report(file);
    const text = section(tree, 'Counterfactuals').map((n) => toString(n)).join('\n').replace(/\s+/g, ' ');
    let changed = 0;
    for (const s of incident.scenarios ?? []) {
      for (const name of Object.keys(s.parameters ?? {})) {
        const p = incident.model!.parameters[name]!;
        const shown = new RegExp(`${name} = [^()]+ \\(actual: ([^()]+?), (\\w+)\\)`).exec(text);
        expect(shown, `${s.id}: ${name}`).not.toBeNull();
        expect(shown![1]).toBe(formatQuantity(p.value, p.unit).trim());
        expect(shown![2]).toBe(provenanceLabel(p.provenance));
        changed++;
      }
    }
    if ((incident.scenarios ?? []).some((s) => Object.keys(s.parameters ?? {}).length > 0)) expect(changed).toBeGreaterThan(0);
  });

  it('marks the benefit of every quantified action item as replayed, naming its scenario without quotation marks', async () => {
    const { incident, tree } = await report(file);
    const list = section(tree, 'Action items').find((n) => n.type === 'list') as { children: ListItem[] } | undefined;
    const items = list?.children.map((item) => toString(item).replace(/\s+/g, ' ')) ?? [];
    const quantified = (incident.actionItems ?? []).filter((a) => a.scenario !== undefined);
    expect(items.filter((line) => line.includes(' — scenario '))).toHaveLength(quantified.length);
    for (const line of items.filter((l) => l.includes(' — scenario '))) {
      expect(line).toContain('(replayed).');
      const title = (incident.scenarios ?? []).find((s) => line.includes(`scenario ${s.title},`));
      expect(title, line).toBeDefined();
      expect(line).not.toContain(`“${title!.title}”`);
    }
  });
});
