// Parses the built-in templates (templates/*.md) after `tsc` (`npm run build`), with the parser
// the program uses, into dist/templates/<name>.json: the text's hash and its tree. A command
// then reads the tree instead of parsing the template again (src/report/template/parse-template.ts).
// The text is decoded as `loadTemplate` decodes it, so the hashes agree.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parsedTemplateFile, parsedTemplatePath } = await import(path.join(root, 'dist/report/template/parse-template.js'));
const dir = path.join(root, 'dist/templates');
mkdirSync(dir, { recursive: true });
const names = readdirSync(path.join(root, 'templates')).filter((f) => f.endsWith('.md')).sort();
for (const name of names) writeFileSync(parsedTemplatePath(name, dir), parsedTemplateFile(new TextDecoder().decode(readFileSync(path.join(root, 'templates', name)))));
console.log(`parsed ${names.length} built-in templates into dist/templates/`);
