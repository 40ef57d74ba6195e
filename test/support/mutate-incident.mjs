// Mutations of an incident file's text for the fuzz suite (test/fuzz/) and its benchmark
// (bench/fuzz.bench.mjs): what careless edits, bad merges and hostile pull requests do to YAML.
// Plain JavaScript so the benchmark can import it without a build. Each mutation is a pure
// function of the text and a few numbers, so fast-check can shrink a failure to its smallest case.

/** Scalars that break parsers, checks or models: huge, tiny, negative, non-numbers, YAML tricks. */
export const hostileScalars = [
  '1e308', '-1e308', '1e10', '-5', '0', '-0', '.nan', '.inf', '-.inf', '5e-324', '""', "''", '~', 'null', 'true',
  '[]', '{}', '[1, [2, [3]]]', '!!js/function "function () {}"', '!foo bar', '&a x', '*a', '*undefined',
  '"\\u001b[2J0 errors"', '"line\\nbreak"', '"\\u0000"', 'x'.repeat(5000), '2011-02-30 25:61', '"../../../etc/passwd"',
  '/dev/zero', 'javascript:alert(1)', '｛', '"\\ud800"', '0x7fffffff', '1_000', '+12', '2024-01-01T00:00:00+99:00',
];

/** Apply mutation `kind` (an index) at relative position `at` in [0, 1) with choice `pick`. */
export function mutate(text, kind, at, pick) {
  const lines = text.split('\n');
  const i = Math.min(lines.length - 1, Math.floor(at * lines.length));
  const line = lines[i] ?? '';
  switch (kind % 9) {
    case 0: // delete a line
      lines.splice(i, 1);
      return lines.join('\n');
    case 1: // duplicate a line
      lines.splice(i, 0, line);
      return lines.join('\n');
    case 2: { // replace the value of a `key: value` line with a hostile scalar
      const m = /^(\s*-?\s*[\w$]+:\s)(.*)$/.exec(line);
      if (!m) return text;
      lines[i] = m[1] + hostileScalars[pick % hostileScalars.length];
      return lines.join('\n');
    }
    case 3: { // change the indentation of a line
      lines[i] = pick % 2 === 0 ? `  ${line}` : line.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    case 4: // truncate the file
      return text.slice(0, Math.floor(at * text.length));
    case 5: { // rename a key (a misspelling)
      lines[i] = line.replace(/^(\s*-?\s*)([A-Za-z])([\w$]*):/, (_, lead, first, rest) => `${lead}${rest}${first}:`);
      return lines.join('\n');
    }
    case 6: { // swap two lines
      const j = Math.min(lines.length - 1, i + 1 + (pick % 5));
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 7: { // insert a control or odd character
      const chars = ['\r', '\t', '\u0000', '\u001b', '\ufeff', '\u2028', '#', ':', '"', '{', '[', '&', '*', '!', '|', '>'];
      const pos = Math.floor(at * text.length);
      return text.slice(0, pos) + chars[pick % chars.length] + text.slice(pos);
    }
    default: // line endings: CRLF or CR only
      return pick % 2 === 0 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r');
  }
}
