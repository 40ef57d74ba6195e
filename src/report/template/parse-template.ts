// A template is markdown with directives (remark-directive): hand-written prose stays as
// written, `::timeline`, `::chart{series=stuck}` and `:value{name=title}` mark generated content.
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
  return parseTemplate(new TextDecoder().decode(read.bytes), displayPath);
}
