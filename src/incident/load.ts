// Read an incident file: YAML (or JSON, which is YAML) parsed with node positions, checked
// against the schema, each schema problem mapped back to the line and column of the node.
import { createRequire } from 'node:module';
import type { LineCounter, Node, Document } from 'yaml';
import type { z } from 'zod';
import jsYaml from 'js-yaml';
import { Incident } from './schema.js';
import type { Diagnostic, Position } from './diagnostic.js';
import { schemaIssuesToDiagnostics } from './schema-issue.js';

import { maxFileBytes } from './max-file-bytes.js';
import { readIncidentBytes, tooLarge } from './read-incident-bytes.js';
import { quoteUserText } from './quote-user-text.js';
import { positionOfByte, firstInvalidUtf8 } from './byte-position.js';

export { maxFileBytes };

export interface LoadedIncident {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Present when the file passed the schema. */
  incident?: Incident;
  diagnostics: Diagnostic[];
  /** Line and column of the node at a path (falls back to the nearest existing parent). */
  positionOf(path: readonly (string | number)[], which?: 'key' | 'value'): Position;
}

/** Read and check a file. A file that cannot be read is reported as a diagnostic, not thrown. */
export async function loadIncidentFile(file: string): Promise<LoadedIncident> {
  const read = await readIncidentBytes(file);
  return 'problem' in read ? failed(file, read.problem) : loadIncidentBytes(file, read.bytes);
}

export function loadIncidentBytes(file: string, bytes: Uint8Array): LoadedIncident {
  const empty = (diagnostic: Omit<Diagnostic, 'file'>): LoadedIncident => failed(file, diagnostic);
  if (bytes.byteLength > maxFileBytes) return empty(tooLarge(bytes.byteLength));
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const pos = positionOfByte(bytes, nul);
    return empty({
      ...pos,
      severity: 'error',
      rule: 'file/binary',
      message: 'file contains a NUL byte: it looks binary, expected YAML or JSON text',
      hint: 'pass an incident file (.yaml, .yml or .json)',
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return empty({
      ...positionOfByte(bytes, bad),
      severity: 'error',
      rule: 'file/encoding',
      message: `file is not valid UTF-8: byte 0x${bytes[bad]?.toString(16).padStart(2, '0') ?? '??'} here starts no UTF-8 character (the file may be Latin-1 or Windows-1252)`,
      hint: 'save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A CRLF or CR-only file (old Mac editors) is read as an editor shows it: the line counter and
  // the fast path count `\n` only, and a CR-only file would otherwise be one line (or "empty").
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return fromText(file, text, []);
}

function failed(file: string, diagnostic: Omit<Diagnostic, 'file'>): LoadedIncident {
  return fromText(file, '', [{ file, ...diagnostic }]);
}

/**
 * Each file is parsed once. zod's JIT writes a parser function for each object schema on its
 * first parse (`new Function`), which costs more than it saves over a single document: a third
 * of the parse of the three seed incidents. Asked per parse, so it holds whenever the schema was
 * built (zod's global switch counts only for schemas built after it is set).
 */
const parseOnce = { jitless: true } as const;

/**
 * The fast path for the common case, a well-formed valid file: js-yaml parses several times faster
 * than `yaml` with its node positions, and positions are needed only to report a problem. Anything
 * unusual (a parse error, duplicate keys, several documents, more than a few aliases, a schema
 * problem) returns undefined and the file takes the full path, which reports it.
 */
export function parseValidFast(text: string): Incident | undefined {
  // Aliases are where YAML gets expensive (alias bombs): leave files with many to the full path.
  const aliases = text.match(/(?:^|[\s,[{])\*[^\s,\]}]/g)?.length ?? 0;
  if (aliases > fastPathMaxAliases || text.trim() === '') return undefined;
  let data: unknown;
  try {
    // CORE_SCHEMA is YAML 1.2's core schema, the one `yaml` uses: `2011-04-21 00:47` stays a string.
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const result = Incident.safeParse(data, parseOnce);
  return result.success ? result.data : undefined;
}

const fastPathMaxAliases = 20;

// `yaml` (with node positions) is loaded only when a file needs it: a problem to place, or a file
// the fast path declines. Synchronous require keeps the loader's API synchronous.
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

function fromText(file: string, text: string, early: Diagnostic[]): LoadedIncident {
  if (early.length === 0) {
    const incident = parseValidFast(text);
    if (incident) return lazilyPositioned(file, text, incident);
  }
  return fromTextWithPositions(file, text, early);
}

/** The YAML document with node ranges, and the line and column of a path or offset in it. */
function parseWithPositions(text: string) {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positionAt = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const positionOf = (path: readonly (string | number)[], which: 'key' | 'value' = 'value'): Position =>
    positionAt(offsetOfPath(document, path, which));
  return { document, lineCounter, positionAt, positionOf };
}

/** A valid file whose YAML nodes (for positions) are parsed only if a semantic check reports. */
function lazilyPositioned(file: string, text: string, incident: Incident): LoadedIncident {
  let full: ReturnType<typeof parseWithPositions> | undefined;
  const parsed = () => (full ??= parseWithPositions(text));
  return {
    file,
    text,
    get document() {
      return parsed().document;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
    incident,
    diagnostics: [],
    positionOf: (path, which) => parsed().positionOf(path, which),
  };
}

function fromTextWithPositions(file: string, text: string, early: Diagnostic[]): LoadedIncident {
  const { document, lineCounter, positionAt, positionOf } = parseWithPositions(text);
  const loaded: LoadedIncident = { file, text, document, lineCounter, diagnostics: [...early], positionOf };
  if (early.length > 0) return loaded;

  // After the first syntax error the parser is guessing, and the errors that follow are
  // mostly echoes of the first: report that one, and say how many more there are.
  const [error, ...more] = document.errors;
  if (error) {
    const unclosed = error.code === 'MISSING_CHAR' && /closing .*quote/.test(error.message);
    const unclosedFlow = /^Flow (sequence|map) .*must .*end with a [\]}]/.test(error.message);
    const opening = unclosed || unclosedFlow ? openingOffset(text, error.pos[0], unclosed ? 'quote' : 'flow') : undefined;
    const offset = opening ?? error.pos[0];
    loaded.diagnostics.push({
      file,
      ...positionAt(offset),
      severity: 'error',
      rule: 'yaml/syntax',
      message:
        (unclosed && opening !== undefined
          ? 'YAML syntax: this quote is never closed'
          : unclosedFlow && opening !== undefined
            ? `YAML syntax: this \`${text[opening]}\` is never closed`
            : `YAML syntax: ${firstLine(error.message)}`) +
        (more.length > 0 ? ` (and ${more.length} more syntax error${more.length === 1 ? '' : 's'} after it, often caused by this one)` : ''),
      hint: yamlHint(error.code, error.message),
    });
  }
  if (loaded.diagnostics.length > 0) return loaded;

  // A tag the core schema does not know (`!!js/function`, `!foo`) would pass as a plain string;
  // nothing in an incident file is tagged, so it is a mistake, or a document meant for another tool.
  for (const warning of document.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    // The tag as written (`!!js/function`), not as the parser expands it (`tag:yaml.org,2002:…`).
    const written = /^![^\s,[\]{}]*/.exec(text.slice(warning.pos[0], warning.pos[0] + 1000))?.[0];
    loaded.diagnostics.push({
      file,
      ...positionAt(warning.pos[0]),
      severity: 'error',
      rule: 'yaml/unknown-tag',
      message: `unknown YAML tag \`${quoteUserText(written ?? firstLine(warning.message))}\`: incident files use no tags, and the value would silently be read as text`,
      hint: 'remove the tag (`!…`) and write the value itself',
    });
  }
  if (loaded.diagnostics.length > 0) return loaded;

  if (text.trim() === '' || document.contents === null) {
    loaded.diagnostics.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'file/empty',
      message: 'file is empty, expected an incident (a mapping with id, title, timeline, …)',
      hint: 'run `incident-replay new <id>` to start from a commented template',
    });
    return loaded;
  }

  let data: unknown;
  try {
    // An alias bomb expands to billions of nodes; refuse long before that.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    loaded.diagnostics.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'yaml/alias',
      message: `YAML: ${firstLine((error as Error).message)}`,
      hint: 'expand the aliases by hand; incident files do not need more than a few',
    });
    return loaded;
  }

  const result = Incident.safeParse(data, parseOnce);
  if (result.success) {
    loaded.incident = result.data;
  } else {
    loaded.diagnostics.push(
      ...schemaIssuesToDiagnostics(file, result.error.issues as z.core.$ZodIssue[], data, positionOf),
    );
  }
  return loaded;
}

/** Offset of the node at `path`, or of the deepest existing ancestor. */
export function offsetOfPath(
  document: Document.Parsed,
  path: readonly (string | number)[],
  which: 'key' | 'value',
): number {
  let node: Node | null | undefined = document.contents as Node | null;
  let best = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      const key = pair.key as Node;
      if (last && which === 'key') return key.range?.[0] ?? best;
      node = pair.value as Node | null;
      best = node?.range?.[0] ?? key.range?.[0] ?? best;
    } else if (yaml().isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) return best;
      node = item;
      best = item.range?.[0] ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string, message: string): string {
  if (/multiple documents/.test(message)) return 'an incident file holds one document: remove the `---` line, or split the file in two';
  if (/call stack/.test(message)) return 'the file nests too deeply to be an incident file: check its brackets and indentation';
  if (/closing .*quote/.test(message)) return 'close the quote at the end of the value, or remove it (plain text needs no quotes unless it contains `: ` or ` #`)';
  if (/Missing , between/.test(message)) return 'separate the items with a comma';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping: remove or rename the second one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the brackets: nested keys line up under their parent, and every `[` or `{` is closed';
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces: replace the tab';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a `key: value` line may be missing its colon, or a value needs quotes';
    default:
      return 'quote values that contain `: `, `#` or start with a special character';
  }
}

/**
 * Where the quoted scalar (or the `[`/`{` collection) that runs into `errorOffset` opens. The
 * parser reports an unclosed one where it gave up (often lines later, or the end of the file);
 * the mistake is where it opened.
 */
function openingOffset(text: string, errorOffset: number, kind: 'quote' | 'flow'): number | undefined {
  let best: number | undefined;
  const visit = (token: unknown): void => {
    if (token === null || typeof token !== 'object') return;
    if (Array.isArray(token)) {
      for (const t of token) visit(t);
      return;
    }
    const t = token as { type?: string; offset?: number; end?: { source?: string }[] };
    const candidate =
      kind === 'quote'
        ? t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar'
        : t.type === 'flow-collection' && !t.end?.some((e) => e.source === ']' || e.source === '}');
    if (candidate && t.offset !== undefined && t.offset <= errorOffset && (best === undefined || t.offset > best)) {
      best = t.offset;
    }
    for (const value of Object.values(token)) visit(value);
  };
  for (const token of new (yaml().Parser)().parse(text)) visit(token);
  return best;
}
