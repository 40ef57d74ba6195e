// Fill a template: every directive is looked up in the section registry, its attributes are
// checked, and it is replaced by the nodes its section returns. Problems (an unknown directive
// or attribute, data the template asks for that the incident lacks) become diagnostics at the
// TEMPLATE's line and column; the caller writes nothing when there are any.
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { visit, SKIP } from 'unist-util-visit';
import { closest } from 'fastest-levenshtein';
import type { Diagnostic } from '../../incident/diagnostic.js';
import type { ReportState } from '../report-state.js';
import { sections as defaultSections, SectionError, type Section } from '../sections/index.js';
import type { Template } from './parse-template.js';
import { linkCitations } from '../link-citations.js';
import { withoutReplaySections } from './without-replay.js';

type Directive = ContainerDirective | LeafDirective | TextDirective;

export interface RenderResult {
  tree: Root;
  diagnostics: Diagnostic[];
}

export function renderTemplate(
  template: Template,
  state: ReportState,
  sections: Record<string, Section> = defaultSections,
): RenderResult {
  // Sections replace nodes in place: work on a copy so one parsed template serves many incidents.
  const tree = state.replayed ? structuredClone(template.tree) : withoutReplaySections(template.tree, sections);
  const diagnostics: Diagnostic[] = [];
  const names = Object.keys(sections);

  visit(tree, (node, index, parent): [typeof SKIP, number] | undefined => {
    if (!isDirective(node) || parent === undefined || index === undefined) return undefined;
    const directive = node;
    const at = directive.position?.start ?? { line: 1, column: 1 };
    const report = (rule: string, message: string, hint?: string) =>
      diagnostics.push({ file: template.file, line: at.line, column: at.column, severity: 'error', rule, message, hint });
    const replace = (nodes: (RootContent | PhrasingContent)[]): [typeof SKIP, number] => {
      (parent as Parent).children.splice(index, 1, ...(nodes as RootContent[]));
      return [SKIP, index + nodes.length];
    };
    const written = `${directive.type === 'textDirective' ? ':' : directive.type === 'leafDirective' ? '::' : ':::'}${directive.name}`;
    const section = Object.hasOwn(sections, directive.name) ? sections[directive.name] : undefined;

    if (!section) {
      // `12:00` or `ratio 1:a` in prose parse as text directives; without `{…}` or `[…]` they
      // are prose, so put the text back.
      if (directive.type === 'textDirective' && isBare(directive)) return replace([{ type: 'text', value: `:${directive.name}` }]);
      report(
        'template/unknown-directive',
        `unknown directive \`${written}\`, expected one of: ${names.join(', ')}`,
        `did you mean \`${written.replace(directive.name, closest(directive.name, names))}\`?`,
      );
      return replace([]);
    }
    if (directive.type === 'containerDirective') {
      report('template/container-directive', `\`${written}\` is written as a container (\`:::\`), expected \`::${directive.name}\``, 'use two colons on a line of its own');
      return replace([]);
    }
    if (section.kind === 'block' && directive.type !== 'leafDirective') {
      report('template/block-inline', `\`:${directive.name}\` is a block section, expected \`::${directive.name}\` on a line of its own`, `write \`::${directive.name}\` as its own paragraph`);
      return replace([]);
    }
    if (section.kind === 'inline' && directive.type !== 'textDirective') {
      report('template/inline-block', `\`::${directive.name}\` is an inline value, expected \`:${directive.name}{…}\` inside text`, `write it inside a sentence or heading, e.g. \`# :value{name=title}\``);
      return replace([]);
    }
    if (directive.children.length > 0) {
      report('template/label', `\`${written}\` takes no label (\`[…]\`)`, 'remove the text in square brackets');
      return replace([]);
    }
    const attributes: Record<string, string> = {};
    let bad = false;
    for (const [key, value] of Object.entries(directive.attributes ?? {})) {
      const spec = Object.hasOwn(section.attributes, key) ? section.attributes[key] : undefined;
      const known = Object.keys(section.attributes);
      if (!spec) {
        report(
          'template/unknown-attribute',
          `unknown attribute \`${key}\` of \`${written}\`, expected ${known.length > 0 ? `one of: ${known.join(', ')}` : 'no attributes'}`,
          known.length > 0 ? `did you mean \`${closest(key, known)}\`?` : `write \`${written}\` alone`,
        );
        bad = true;
        continue;
      }
      if (value === null || value === undefined || value === '') {
        report('template/empty-attribute', `attribute \`${key}\` of \`${written}\` has no value`, `write \`${key}=…\``);
        bad = true;
        continue;
      }
      if (spec.values && !spec.values.includes(value)) {
        report(
          'template/attribute-value',
          `unexpected \`${key}=${value}\` for \`${written}\`, expected one of: ${spec.values.join(', ')}`,
          `did you mean \`${key}=${closest(value, [...spec.values])}\`?`,
        );
        bad = true;
        continue;
      }
      attributes[key] = value;
    }
    for (const [key, spec] of Object.entries(section.attributes)) {
      if (spec.required && !(key in attributes) && !(key in (directive.attributes ?? {}))) {
        report('template/missing-attribute', `\`${written}\` needs the attribute \`${key}\` (${spec.description})`, `write \`${written}{${key}=…}\``);
        bad = true;
      }
    }
    if (bad) return replace([]);
    // No model, no replay: nothing to show (the report says so once, in `::impact`).
    if (section.needsReplay && !state.replayed) return replace([]);
    try {
      return replace(section.render(state, attributes));
    } catch (error) {
      if (!(error instanceof SectionError)) throw error;
      report('template/missing-data', `\`${written}\`: ${error.message}`, error.hint);
      return replace([]);
    }
  });
  // The citations `[n]` link to the list of sources under whatever heading the template gives it.
  return { tree: linkCitations(tree), diagnostics };
}

function isDirective(node: { type: string }): node is Directive {
  return node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective';
}

function isBare(node: TextDirective): boolean {
  const { start, end } = node.position ?? {};
  return start?.offset !== undefined && end?.offset !== undefined && end.offset - start.offset === node.name.length + 1;
}
