import { describe, it, expect } from 'vitest';
import { formatJson, gatheredWriter, JsonRows, writeJson } from '../../src/replay/format-json.js';

describe('formatJson', () => {
  it('puts plain-value lists on one line and everything else one entry per line', () => {
    const value = { id: 'a', series: { x: [['t0', 1], ['t1', null]] }, empty: [], none: {}, skip: undefined };
    expect(formatJson(value)).toBe(
      ['{', '  "id": "a",', '  "series": {', '    "x": [', '      ["t0", 1],', '      ["t1", null]', '    ]', '  },', '  "empty": [],', '  "none": {}', '}'].join('\n'),
    );
  });

  it('parses back to what JSON.stringify would give', () => {
    const value = { a: [1, [2, 3], { b: 'c"d' }], e: 1.5, f: true, g: null };
    expect(JSON.parse(formatJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('writeJson', () => {
  const rowsOf = (rows: unknown[][]) => new JsonRows(rows.length, (i) => rows[i]!);

  it('writes rows made as they are written exactly as the same rows in an array', () => {
    const rows = [['t0', 1], ['t1', null], ['t2', 2.5, -3]];
    const eager = { id: 'a', series: { x: rows, empty: [] }, nested: [{ y: rows }], n: 1 };
    const lazy = { id: 'a', series: { x: rowsOf(rows), empty: rowsOf([]) }, nested: [{ y: rowsOf(rows) }], n: 1 };
    const pieces: string[] = [];
    writeJson(lazy, (text) => void pieces.push(text));
    expect(pieces.join('')).toBe(formatJson(eager));
    expect(formatJson(lazy)).toBe(formatJson(eager));
    expect(pieces.length).toBeGreaterThan(rows.length);
  });

  it('never holds the whole text of a long list: each row is made only when it is written', () => {
    const length = 200_000;
    let made = 0;
    const rows = new JsonRows(length, (i) => {
      made++;
      return [`2011-04-21T00:00:${String(i).padStart(6, '0')}Z`, i / 3];
    });
    const sizes: number[] = [];
    let madeAtFirstWrite = -1;
    const out = gatheredWriter(
      {
        write(text: string) {
          if (madeAtFirstWrite < 0) madeAtFirstWrite = made;
          sizes.push(text.length);
        },
      },
      1 << 16,
    );
    writeJson({ series: rows }, out.write);
    out.flush();
    // Rows are made as the text goes out, in pieces of about the size asked for.
    expect(madeAtFirstWrite).toBeLessThan(length / 10);
    expect(made).toBe(length);
    expect(Math.max(...sizes)).toBeLessThan((1 << 16) + 200);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(formatJson({ series: rows }).length);
  });
});
