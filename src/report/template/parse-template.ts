// A template is markdown with directives (remark-directive): hand-written prose stays as
// written, `::timeline`, `::chart{series=stuck}` and `:value{name=title}` mark generated content.
import { readFile } from 'node:fs/promises';
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import { UserError } from '../../cli/io.js';

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
  const text = await readFile(absolutePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === 'ENOENT'
        ? `template not found: ${displayPath}; expected a markdown file (see templates/default.md)`
        : `cannot read template ${displayPath}: ${error.message}`,
    );
  });
  return parseTemplate(text, displayPath);
}
