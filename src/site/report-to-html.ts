// A report's markdown as the body of its site page, through the unified ecosystem (remark-parse
// and remark-gfm, remark-rehype, rehype-slug, rehype-stringify): the same words as out/<id>/README.md. Each
// chart image becomes a canvas the browser script draws the chart's configuration on, and the
// "Also as SVG; chart data" line under it goes (neither file is on the site). Links between
// reports lead to their pages. Raw HTML in the markdown is dropped (remark-rehype's default),
// and only http(s), mailto and relative links are kept: an incident file's text never runs.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import rehypeSlug from 'rehype-slug';
import type { Root, Paragraph, Image, Link, RootContent, PhrasingContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';

export interface ReportHtmlOptions {
  /** Names of the charts the page can draw (`stuck`, `stuck-zoom`, …). */
  charts: ReadonlySet<string>;
}

const chartImage = /^charts\/([^/]+)\.png$/;
const chartFile = /^charts\/[^/]+\.(?:svg|json|png)$/;

/**
 * The report as HTML, from its syntax tree (what `generateReport` filled the template into; not
 * changed) or from its markdown (parsed with GFM, as out/<id>/README.md reads on GitHub).
 */
export function reportToHtml(report: Root | string, options: ReportHtmlOptions): string {
  const tree = typeof report === 'string' ? unified().use(remarkParse).use(remarkGfm).parse(report) : structuredClone(report);
  const processor = unified()
    .use(() => (tree: Root) => toSiteTree(tree, options))
    .use(remarkRehype, { footnoteLabelTagName: 'h2', footnoteLabelProperties: { className: ['visually-hidden'] } })
    // Heading ids as GitHub makes them (github-slugger): the report's `#sources` links land.
    .use(rehypeSlug)
    .use(rehypeStringify);
  return processor.stringify(processor.runSync(tree));
}

function toSiteTree(tree: Root, options: ReportHtmlOptions): void {
  visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const only = node.children.length === 1 ? node.children[0] : undefined;
    const name = only?.type === 'image' ? chartImage.exec(only.url)?.[1] : undefined;
    if (only?.type === 'image' && name !== undefined && options.charts.has(name)) {
      parent.children[index] = chartFigure(name, only) as unknown as RootContent;
      return SKIP;
    }
    if (linksTo(node, chartFile)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
  visit(tree, 'link', (node: Link) => {
    node.url = siteUrl(node.url) ?? '';
  });
  visit(tree, 'definition', (node) => {
    node.url = siteUrl(node.url) ?? '';
  });
  visit(tree, 'image', (node: Image, index, parent) => {
    // An image the site does not carry (the charts are canvases): its description instead.
    if (!parent || index === undefined) return;
    parent.children[index] = { type: 'emphasis', children: [{ type: 'text', value: node.alt ?? '' }] } as PhrasingContent;
  });
}

/** A chart as a figure: a canvas described by the image's text, and a button to undo zooming. */
function chartFigure(name: string, image: Image) {
  const alt = image.alt ?? name;
  return {
    type: 'chartFigure',
    data: {
      hName: 'figure',
      hProperties: { className: ['chart'] },
      hChildren: [
        {
          type: 'element',
          tagName: 'div',
          properties: { className: ['chart-frame'] },
          children: [
            {
              type: 'element',
              tagName: 'canvas',
              properties: { id: `chart-${name}`, dataChart: name, role: 'img', ariaLabel: alt },
              children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: alt }] }],
            },
          ],
        },
        {
          type: 'element',
          tagName: 'figcaption',
          properties: {},
          children: [
            { type: 'text', value: `${alt}. ` },
            {
              type: 'element',
              tagName: 'button',
              properties: { type: 'button', className: ['reset-zoom'], dataChart: name },
              children: [{ type: 'text', value: 'Reset zoom' }],
            },
          ],
        },
      ],
    },
  };
}

function linksTo(node: Paragraph, pattern: RegExp): boolean {
  let found = false;
  visit(node, 'link', (link: Link) => {
    if (pattern.test(link.url)) found = true;
  });
  return found;
}

/**
 * Where a report's link leads on the site: a report (`x/README.md`) to its page (`x/index.html`:
 * under file:// a directory does not open its index); other links unchanged when they are
 * http(s), mailto, a fragment or relative; anything else (a `javascript:` URL) to nothing.
 */
export function siteUrl(url: string): string | undefined {
  if (/^(?:https?:|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  return url.replace(/(^|\/)README\.md(?=$|#)/, '$1index.html');
}
