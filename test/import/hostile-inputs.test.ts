// Hostile inputs finish with a draft or a clear message, never an internal error, and what the
// import produces is bounded by the input: quotes are sentence windows, nesting is capped, event,
// figure and warning counts are capped. Sizes and counts are asserted here; the time each takes
// is measured by `npm run bench` (bench/import-hostile.bench.mjs), not in a test.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importPostmortem, limits } from '../../src/import/import-postmortem.js';
import { maxSentenceLength } from '../../src/import/split-sentences.js';
import { hostileInputs } from '../../bench/support/hostile-inputs.mjs';
import { runCli } from './helpers.js';

// The smaller variants: the full sizes are timed by the bench, this checks the behaviour.
const inputs = hostileInputs({ small: true });

describe('hostile inputs', () => {
  it.each(Object.keys(inputs))('%s: bounded output, no throw', (name) => {
    const text = inputs[name]!;
    const r = importPostmortem(text, { file: `${name}.md` });
    expect(r.events.length).toBeLessThanOrEqual(limits.events);
    expect(r.figures.length).toBeLessThanOrEqual(limits.figures);
    expect(r.warnings.length).toBeLessThanOrEqual(limits.warnings + 10);
    for (const e of r.events) {
      // A window, not the whole block: the quote may widen over markup, never over the text.
      expect(e.quote.length).toBeLessThanOrEqual(maxSentenceLength * 2);
      expect(text).toContain(e.quote);
    }
  });

  it('a paragraph of 1,000 times quotes each in a window', () => {
    const r = importPostmortem(inputs.repeatedTimes!, { file: 'x.md' });
    expect(r.events.length).toBeGreaterThan(500);
    const total = r.events.reduce((n, e) => n + e.quote.length, 0);
    // Linear: each event quotes at most one window.
    expect(total).toBeLessThanOrEqual(r.events.length * maxSentenceLength);
    expect(Math.max(...r.events.map((e) => e.quote.length))).toBeLessThanOrEqual(maxSentenceLength);
  });

  it('lists nested 3,000 deep and quotes nested 10,000 deep are cut with a warning', () => {
    for (const name of ['nestedLists', 'nestedQuotes']) {
      const r = importPostmortem(inputs[name]!, { file: `${name}.md` });
      const deep = r.warnings.find((w) => w.rule === 'import/too-deep');
      expect(deep?.line).toBe(3);
      expect(deep?.message).toMatch(/nested \d{4,5} deep; read as if nested 32 deep/);
      expect(r.events.map((e) => e.at)).toEqual(['2020-01-01 10:00']);
    }
  });

  it('caps events with a warning at the first one dropped', () => {
    const r = importPostmortem(inputs.manyEvents!, { file: 'many.md' });
    expect(r.events).toHaveLength(limits.events);
    expect(r.warnings.map((w) => w.rule)).toContain('import/too-many-events');
  });

  it('stops reading for times and figures past their read limits, and says where', () => {
    const sentence = 'At 2020-01-01 10:00 UTC the cache failed; 12% of requests failed. ';
    const text = '# Outage\n\n' + sentence.repeat(limits.timedSentences + 500);
    const r = importPostmortem(text, { file: 'log.md' });
    expect(r.events).toHaveLength(limits.events);
    const times = r.warnings.find((w) => w.rule === 'import/too-many-events')!;
    const column = sentence.length * (limits.timedSentences - 1) + 1;
    expect(times.message).toBe(
      `the text states more than ${limits.timedSentences} times (it was read for times up to line 3, column ${column}: the ${limits.timedSentences}th sentence with one); the draft keeps the first ${limits.events}`,
    );
    const figures = r.warnings.find((w) => w.rule === 'import/too-many-figures')!;
    expect(figures.message).toBe(`the text states more than ${limits.countedFigures} figures; the draft lists the first ${limits.figures}`);
    expect(r.figures).toHaveLength(limits.figures);
    // Under the limits, the counts are exact.
    const short = importPostmortem('# Outage\n\n' + sentence.repeat(limits.events + 5), { file: 'log.md' });
    expect(short.warnings.find((w) => w.rule === 'import/too-many-events')!.message).toBe(
      `the text states ${limits.events + 5} times; the draft keeps the first ${limits.events}`,
    );
    expect(short.warnings.find((w) => w.rule === 'import/too-many-figures')!.message).toBe(
      `the text states ${limits.events + 5} figures; the draft lists the first ${limits.figures}`,
    );
  });

  it('caps figures with a warning', () => {
    const r = importPostmortem(inputs.manyFigures!, { file: 'figs.md' });
    expect(r.figures).toHaveLength(limits.figures);
    expect(r.warnings.map((w) => w.rule)).toContain('import/too-many-figures');
  });

  it('the CLI turns a hostile input into a draft or a message with a position, never a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hostile-'));
    for (const name of ['nestedQuotes', 'repeatedTimes', 'noTimes']) {
      writeFileSync(path.join(dir, `${name}.md`), inputs[name]!);
      const { code, stderr } = await runCli(['import', `${name}.md`, '--json'], dir);
      expect(stderr).not.toMatch(/internal error|\n\s+at /);
      expect([0, 1]).toContain(code);
    }
  });
});
