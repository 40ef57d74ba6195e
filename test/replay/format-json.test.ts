import { describe, it, expect } from 'vitest';
import { formatJson } from '../../src/replay/format-json.js';

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
