// Escaping a text node for the serializer, with only the unsafe patterns that could match it.
//
// mdast-util-to-markdown's `safe` tries every unsafe pattern (about fifty with GFM) on every
// text: whether the construct stack puts it in scope (a search of the stack for each construct
// the pattern names), then a slice and a regular expression over the text. With a report's
// thousands of short texts (table cells, list items) that loop was a third of writing the
// markdown. A pattern can only match where its character occurs, and whether it is in scope
// depends only on the stack; so the patterns in scope are worked out once per stack, and of
// those only the ones whose character occurs in the text (or in the characters around it) are
// handed to `safe`. The patterns left out would have matched nothing: the output is the same.
import type { Options } from 'remark-stringify';

// The serializer's types, as remark-stringify hands them to a handler.
type Handle = NonNullable<NonNullable<Options['handlers']>['text']>;
type State = Parameters<Handle>[2];
type Unsafe = State['unsafe'][number];
type SafeConfig = Parameters<State['safe']>[1];

/** Per list of patterns (one a serializer), per construct stack: the patterns in scope. */
const inScopeCache = new WeakMap<readonly Unsafe[], Map<string, Unsafe[]>>();

export function safeText(state: State, value: string, config: SafeConfig): string {
  const all = state.unsafe;
  let byStack = inScopeCache.get(all);
  if (!byStack) inScopeCache.set(all, (byStack = new Map()));
  const key = state.stack.join(' ');
  let inScope = byStack.get(key);
  if (inScope === undefined) {
    inScope = all.filter((pattern) => patternInScope(state.stack, pattern));
    byStack.set(key, inScope);
  }
  // `safe` matches over the text with the characters before and after it.
  const subject = (config.before ?? '') + value + (config.after ?? '');
  const mayMatch = inScope.filter((pattern: Unsafe) => subject.includes(pattern.character));
  // No pattern can match and no backslash can need escaping (`safe`'s one other change): `safe`
  // would hand the text back as it is. Most texts of a report (table cells, figures, list items)
  // are such; skipping the call spares its slicing and regular expressions, and keeps `safe`
  // cold enough that V8 does not compile it again and again.
  if (mayMatch.length === 0 && !subject.includes('\\')) return value;
  state.unsafe = mayMatch;
  try {
    return state.safe(value, config);
  } finally {
    state.unsafe = all;
  }
}

/** As mdast-util-to-markdown decides it (lib/util/pattern-in-scope.js). */
function patternInScope(stack: readonly string[], pattern: Unsafe): boolean {
  return listInScope(stack, pattern.inConstruct, true) && !listInScope(stack, pattern.notInConstruct, false);
}

function listInScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list;
  if (!names || names.length === 0) return none;
  return names.some((name: string) => stack.includes(name));
}
