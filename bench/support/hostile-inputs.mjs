// Inputs built to make the import slow or deep: shared by the hostile-input tests (which assert
// sizes and counts) and bench/import-hostile.bench.mjs (which times each in its own process).
// Each stays under the 5 MB input limit.

/**
 * @param {{ small?: boolean }} [options] small: the inputs that scale with a count, cut to sizes
 *   a test can afford while still past every limit (the bench uses the full sizes).
 * @returns {Record<string, string>}
 */
export function hostileInputs({ small = false } = {}) {
  const lines = small ? 1500 : 50000;
  return {
    // One 20 kB paragraph of times and no sentence end: every event used to quote all of it.
    repeatedTimes: '# Outage\n\nOn 2020-01-01 UTC. ' + 'at 10:00 UTC things happened and 10:05 '.repeat(500),
    // "- - - … x": lists nested 3,000 deep on one line.
    nestedLists: '# Outage\n\n' + '- '.repeat(3000) + '2020-01-01 10:00 UTC x\n',
    // "> > > … x": block quotes nested 10,000 deep.
    nestedQuotes: '# Outage\n\n' + '>'.repeat(10000) + ' 2020-01-01 10:00 UTC x\n',
    // Nesting by indentation: each line two columns deeper than the last.
    indentedLists: '# Outage\n\n' + Array.from({ length: small ? 300 : 2000 }, (_, i) => `${' '.repeat(i)}- 2020-01-01 10:00 UTC x`).join('\n'),
    // A log of 50,000 timestamped lines (1,500 when small: still past the cap of 1,000 events).
    manyEvents: '# Outage\n\n' + Array.from({ length: lines }, (_, i) => `- 2020-01-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC step ${i}`).join('\n'),
    manyFigures: '# Outage\n\nAt 2020-01-01 10:00 UTC it broke.\n\n' + Array.from({ length: 5000 }, (_, i) => `${i % 100}% of requests failed.`).join(' '),
    // Emphasis and links opened and never closed, brackets and backticks by the thousand.
    unclosedMarkup: '# Outage\n\n' + '*_[`'.repeat(small ? 3000 : 20000) + ' 2020-01-01 10:00 UTC x',
    // A single 1 MB line without spaces.
    oneLongWord: '# Outage\n\n2020-01-01 10:00 UTC ' + 'x'.repeat(small ? 64 * 1024 : 1024 * 1024),
    noTimes: '# Outage\n\n' + 'Nothing here states a time. '.repeat(1000),
    // One HTML block of `<` and entity starts, and tags nested deep, on a single line.
    htmlFlood: '# Outage\n\n<div>2020-01-01 10:00 UTC x ' + '<<&#'.repeat(small ? 20000 : 500000) + '<b>'.repeat(small ? 5000 : 100000) + '</div>\n',
    // Front matter that never closes, then a body.
    openFrontMatter: '---\ntitle: x\n' + 'key: 2020-01-01 10:00\n'.repeat(small ? 2000 : 100000) + '\n# Outage\n\nAt 2020-01-01 10:00 UTC x.\n',
  };
}
