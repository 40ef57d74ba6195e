// A template is markdown with directives (remark-directive): hand-written prose stays as
// written, `::timeline`, `::chart{series=stuck}` and `:value{name=title}` mark generated content.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRegularFile } from '../../incident/read-regular-file.js';
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import { UserError } from '../../cli/io.js';

/** Templates are a page or two of markdown; anything this large is not one. */
const maxTemplateBytes = 1024 * 1024;

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

export interface Template {
  /** The path printed in diagnostics (as the user gave it, or relative to the working directory). */
  file: string;
  tree: Root;
}

export function parseTemplate(text: string, file: string): Template {
  return { file, tree: parser.runSync(parser.parse(text)) as Root };
}

/** The package's own templates (`templates/`). */
const builtinTemplates = fileURLToPath(new URL('../../../templates/', import.meta.url));
/** Their trees, parsed by `npm run build` (scripts/parse-templates.mjs) into `dist/templates/`. */
const parsedTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Where `npm run build` writes the parsed tree of the built-in template `name`. */
export function parsedTemplatePath(name: string, dir = parsedTemplates): string {
  return path.join(dir, `${name}.json`);
}

/** What `npm run build` writes for a built-in template: its text's hash, and its tree. */
export function parsedTemplateFile(text: string): string {
  return `${JSON.stringify({ sha256: sha256(text), tree: parseTemplate(text, '').tree })}\n`;
}

/**
 * The tree of a built-in template as `npm run build` parsed it, when the file still has the
 * text it was parsed from. A command parses one template a run, a page of markdown, yet that
 * parse cost about 30 ms of every \`report\` and \`build\`: micromark's first run, in V8's
 * interpreter. The tree is what \`parseTemplate\` gives, through JSON (a test holds the two
 * equal), so reports are the same bytes either way; any other template is parsed as it is read.
 */
export function parsedAhead(absolutePath: string, text: string, dirs = { builtin: builtinTemplates, parsed: parsedTemplates }): Root | undefined {
  if (path.dirname(absolutePath) !== path.resolve(dirs.builtin)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(parsedTemplatePath(path.basename(absolutePath), dirs.parsed), 'utf8')) as { sha256: string; tree: Root };
    return parsed.sha256 === sha256(text) ? parsed.tree : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function loadTemplate(absolutePath: string, displayPath: string): Promise<Template> {
  const read = await readRegularFile(absolutePath, maxTemplateBytes).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === 'ENOENT'
        ? `template not found: ${displayPath}; expected a markdown file (see templates/default.md)`
        : `cannot read template ${displayPath}: ${error.message}`,
    );
  });
  if (!read.ok) {
    throw new UserError(
      read.problem === 'too-large'
        ? `template ${displayPath} is ${read.size} bytes, more than a template needs (at most ${maxTemplateBytes})`
        : `template ${displayPath} is ${read.what}, not a regular file; it was not read`,
    );
  }
  const text = new TextDecoder().decode(read.bytes);
  const tree = parsedAhead(absolutePath, text);
  return tree ? { file: displayPath, tree } : parseTemplate(text, displayPath);
}
