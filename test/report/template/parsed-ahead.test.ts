// The built-in templates parsed by `npm run build` (scripts/parse-templates.mjs into
// dist/templates/): the tree read back is the one parsing gives, and it is used only for the
// package's own templates with the text it was parsed from.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplate, parsedAhead, parsedTemplateFile, parsedTemplatePath, parseTemplate } from '../../../src/report/template/parse-template.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const templates = path.join(root, 'templates');
const names = readdirSync(templates).filter((f) => f.endsWith('.md'));

describe('built-in templates parsed ahead', () => {
  it.each(names)('%s: dist/ holds its tree, the same as parsing it, through JSON without loss', (name) => {
    const file = parsedTemplatePath(name, path.join(root, 'dist/templates'));
    expect(existsSync(file), 'run `npm run build` (npm test does)').toBe(true);
    const text = readFileSync(path.join(templates, name), 'utf8');
    const parsed = parseTemplate(text, name).tree;
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { tree: unknown };
    expect(stored.tree).toStrictEqual(parsed);
    expect(readFileSync(file, 'utf8')).toBe(parsedTemplateFile(text));
  });

  it('is read only for a template of the package with the text it was parsed from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parsed-ahead-'));
    try {
      const builtin = path.join(dir, 'templates');
      const parsed = path.join(dir, 'parsed');
      for (const d of [builtin, parsed]) mkdirSync(d);
      const text = '# Report\n\n::timeline\n';
      writeFileSync(path.join(builtin, 'mine.md'), text);
      writeFileSync(parsedTemplatePath('mine.md', parsed), parsedTemplateFile(text));
      const dirs = { builtin, parsed };
      expect(parsedAhead(path.join(builtin, 'mine.md'), text, dirs)).toStrictEqual(parseTemplate(text, 'mine.md').tree);
      // Edited since `npm run build`: parsed as it is read.
      expect(parsedAhead(path.join(builtin, 'mine.md'), `${text}\nmore\n`, dirs)).toBeUndefined();
      // The same name elsewhere is a user's template.
      expect(parsedAhead(path.join(dir, 'mine.md'), text, dirs)).toBeUndefined();
      // Nothing parsed for it.
      expect(parsedAhead(path.join(builtin, 'other.md'), text, dirs)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is found by the built program next to its templates', async () => {
    const built = (await import(path.join(root, 'dist/report/template/parse-template.js'))) as typeof import('../../../src/report/template/parse-template.js');
    for (const name of names) {
      const text = new TextDecoder().decode(readFileSync(path.join(templates, name)));
      expect(built.parsedAhead(path.join(templates, name), text), name).toStrictEqual(parseTemplate(text, name).tree);
    }
  });

  it('loadTemplate gives the tree parsing gives, for every built-in template', async () => {
    for (const name of names) {
      const loaded = await loadTemplate(path.join(templates, name), `templates/${name}`);
      expect(loaded.file).toBe(`templates/${name}`);
      expect(loaded.tree).toStrictEqual(parseTemplate(readFileSync(path.join(templates, name), 'utf8'), name).tree);
    }
  });
});
