// Turn a zod issue into a diagnostic a person can act on: the place of the offending node,
// what was found, what was expected, and (for a misspelt key) the key that was probably meant.
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Diagnostic, Position } from './diagnostic.js';
import { knownKeysAt } from './known-keys.js';
import { quoteUserText } from './quote-user-text.js';
import { durationPattern, idPattern, timePattern } from './schema.js';

type PositionOf = (path: readonly (string | number)[], which?: 'key' | 'value') => Position;

export function schemaIssueToDiagnostic(
  file: string,
  issue: z.core.$ZodIssue,
  data: unknown,
  positionOf: PositionOf,
): Diagnostic {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = path.length > 0 ? `\`${formatPath(path)}\`` : 'the file';
  const found = valueAt(data, path);
  const base = { file, severity: 'error' as const };

  switch (issue.code) {
    case 'unrecognized_keys': {
      const rawKey = issue.keys[0]!;
      const key = quoteUserText(rawKey, 60);
      const known = knownKeysAt(path);
      // A key of thousands of characters is no misspelling, and Levenshtein on it would be slow.
      const suggestion = known.length > 0 && rawKey.length <= 100 ? closest(rawKey, known) : undefined;
      const close = suggestion !== undefined && isClose(rawKey, suggestion);
      return {
        ...base,
        ...positionOf([...path, key], 'key'),
        rule: 'schema/unknown-field',
        message:
          `unknown field \`${key}\` in ${where}` +
          (close ? `; did you mean \`${suggestion}\`?` : '') +
          (issue.keys.length > 1 ? ` (also: ${issue.keys.slice(1, 6).map((k) => `\`${quoteUserText(k, 60)}\``).join(', ')}${issue.keys.length > 6 ? ', …' : ''})` : ''),
        hint: close
          ? `rename \`${key}\` to \`${suggestion}\``
          : `remove it; the fields allowed here are ${known.map((k) => `\`${k}\``).join(', ')}`,
      };
    }
    case 'invalid_type': {
      const missing = found === undefined;
      return {
        ...base,
        ...positionOf(path, missing ? 'key' : 'value'),
        rule: missing ? 'schema/missing-field' : 'schema/wrong-type',
        message: missing
          ? `missing required field ${where}, expected ${describeExpected(issue.expected)}`
          : `${where} is ${describeValue(found)}, expected ${describeExpected(issue.expected)}`,
        hint: missing
          ? `add \`${String(path[path.length - 1])}:\` (see \`incident-replay schema\` or \`incident-replay new\`)`
          : path.length === 0
            ? 'an incident file is a mapping: `key: value` lines starting at the left margin (see `incident-replay new`)'
            : typeHint(issue.expected, found),
      };
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => `\`${String(v)}\``).join(', ');
      if (found === undefined) {
        return {
          ...base,
          ...positionOf(path, 'key'),
          rule: 'schema/missing-field',
          message: `missing required field ${where}, expected one of ${options}`,
          hint: `add \`${String(path[path.length - 1])}:\` with one of ${options}`,
        };
      }
      const suggestion = typeof found === 'string' ? uniqueClosest(found, issue.values.map(String)) : undefined;
      return {
        ...base,
        ...positionOf(path),
        rule: 'schema/invalid-value',
        message: `unexpected ${describeValue(found)} for ${where}, expected one of ${options}`,
        hint: suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${options}`,
      };
    }
    case 'invalid_format': {
      return {
        ...base,
        ...positionOf(path),
        rule: 'schema/invalid-format',
        message: `${where} is ${describeValue(found)}, expected ${issue.format === 'regex' ? describePattern((issue as { pattern?: string }).pattern) : issue.format === 'url' ? urlExpectation(issue.message) : `a valid ${issue.format}`}`,
        hint: issue.format === 'url' ? 'write the full address, starting with `https://`' : issue.message,
      };
    }
    case 'too_small':
    case 'too_big': {
      return {
        ...base,
        ...positionOf(path),
        rule: `schema/${issue.code.replace('_', '-')}`,
        message: `${where}: ${issue.message}`,
        hint:
          issue.origin === 'array'
            ? 'add at least one entry'
            : issue.origin === 'string'
              ? 'write a non-empty text'
              : 'change the number',
      };
    }
    default: {
      // The schema's refinements say "exactly one of `a` or `b`"; turn that into a fix.
      const oneOf = /exactly one of `(\w+)` or `(\w+)`/.exec(issue.message);
      return {
        ...base,
        ...positionOf(path),
        rule: oneOf ? 'schema/exactly-one' : 'schema/invalid',
        message: `${where}: ${issue.message}`,
        hint: oneOf
          ? `keep either \`${oneOf[1]}\` or \`${oneOf[2]}\`, not both and not neither`
          : 'see `incident-replay schema` for the format',
      };
    }
  }
}

/**
 * The issues of one parse as diagnostics, without echoes: a misspelt key (`phsae`) also makes
 * the key it was meant to be (`phase`) missing, which is one mistake and gets one message.
 */
export function schemaIssuesToDiagnostics(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  positionOf: PositionOf,
): Diagnostic[] {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    for (const key of issue.keys) {
      const suggestion = known.length > 0 ? closest(key, known) : undefined;
      if (suggestion !== undefined && isClose(key, suggestion)) meant.add(JSON.stringify([...issue.path, suggestion]));
    }
  }
  // A refinement that names the meant key (`exactly one of \`at\` or \`window\``) echoes it too.
  const echoesMeant = (issue: z.core.$ZodIssue) =>
    issue.code === 'custom' &&
    [...issue.message.matchAll(/`(\w+)`/g)].some((m) => meant.has(JSON.stringify([...issue.path, m[1]])));
  return issues
    .filter((issue) => !(meant.has(JSON.stringify(issue.path)) && valueAt(data, issue.path as (string | number)[]) === undefined))
    .filter((issue) => !echoesMeant(issue))
    .map((issue) => schemaIssueToDiagnostic(file, issue, data, positionOf));
}

function isClose(key: string, suggestion: string): boolean {
  return distance(key, suggestion) <= Math.max(2, Math.floor(key.length / 3));
}

/** The closest option, when it is closer than every other (`sev5` is as close to all of `sev1`–`sev4`). */
function uniqueClosest(value: string, options: readonly string[]): string | undefined {
  const ranked = options.map((o) => ({ o, d: distance(value.toLowerCase(), o.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const [best, second] = ranked;
  if (!best || !isClose(value, best.o) || (second && second.d === best.d)) return undefined;
  return best.o;
}

export function formatPath(path: readonly (string | number)[]): string {
  // Keys are the user's text: bounded and on one line (quote-user-text.ts).
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? quoteUserText(p, 60) : `.${quoteUserText(p, 60)}`)).join('');
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** What a pattern of the schema stands for, in words. */
function describePattern(pattern: string | undefined): string {
  switch (pattern) {
    case String(timePattern):
      return 'a time such as `2011-04-21 00:47` (local) or `2011-04-21T00:47-07:00`';
    case String(durationPattern):
      return 'a duration such as `15m` or `1h30m`';
    case String(idPattern):
      return 'an id in kebab-case such as `spare-capacity`';
    default:
      return 'a value of a different form';
  }
}

function describeValue(v: unknown): string {
  if (v === null) return '`null`';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `\`${quoteUserText(v, 40)}\``;
  return `\`${String(v)}\``;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping (`key: value` lines)';
    case 'array':
      return 'a list (`- item` lines)';
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'boolean':
      return '`true` or `false`';
    default:
      return expected;
  }
}

function typeHint(expected: string, found: unknown): string {
  if (expected === 'string' && (typeof found === 'number' || typeof found === 'boolean'))
    return 'put the value in quotes';
  if (expected === 'number' && typeof found === 'string') return 'write the number without quotes or units (the unit has its own field)';
  if (expected === 'array') return 'write each entry on its own line starting with `- `';
  if (expected === 'object') return 'write `key: value` lines indented under this key';
  return `write ${describeExpected(expected)}`;
}

/** `an http or https URL`: which schemes a URL field takes is in its schema's error message. */
function urlExpectation(message: string): string {
  const m = /^expected (an? .*URL)$/.exec(message);
  return m ? m[1]! : 'an http, https or mailto URL';
}
