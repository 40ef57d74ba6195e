// The text of an HTML block inside markdown. Blog engines and wiki or Confluence exports often
// write whole sections as HTML (`<p>…</p>`, `<ul><li>…</li></ul>`), which markdown passes through
// as one raw node: read as nothing, a timeline written so would be lost. Tags are dropped, block
// tags (`p`, `li`, `h1`–`h6`, `div`, `tr`, `br`, …) end a block, a handful of entities are decoded,
// and every character keeps the input offset it came from. One linear scan, no nesting stack
// beyond a depth counter: the HTML is only read for its text, never rendered.
import type { TextBlock } from './text-blocks.js';
import { OffsetListBuilder } from './offset-list.js';

const blockTags = new Set([
  'p', 'li', 'div', 'br', 'tr', 'td', 'th', 'ul', 'ol', 'table', 'section', 'article', 'header', 'footer',
  'blockquote', 'dd', 'dt', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'details', 'summary', 'figure', 'figcaption',
]);
/** Elements whose content is not prose: code, scripts and styles. */
const skipped = new Set(['pre', 'code', 'script', 'style', 'textarea']);
const tagRe = /<(\/?)([a-zA-Z][\w-]{0,30})[^<>]{0,2000}>/y;
const entityRe = /&(#\d{1,6}|#x[\da-fA-F]{1,6}|[a-zA-Z]{2,8});/y;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function htmlTextBlocks(html: string, start: number, quoted: boolean): TextBlock[] {
  const blocks: TextBlock[] = [];
  type Building = Omit<TextBlock, 'offsets'> & { offsets: OffsetListBuilder };
  let current: Building = { kind: 'paragraph', text: '', offsets: new OffsetListBuilder() };
  let quoteDepth = 0;
  let skipDepth = 0;
  const flush = () => {
    if (current.text.trim() !== '') {
      if (quoted || quoteDepth > 0) current.quoted = true;
      blocks.push({ ...current, offsets: current.offsets.finish() });
    }
    current = { kind: 'paragraph', text: '', offsets: new OffsetListBuilder() };
  };
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 4);
        i = close === -1 ? html.length : close + 3;
        continue;
      }
      // Sticky, and a tag's attributes bounded: a run of `<` is read in one pass, not one slice per `<`.
      tagRe.lastIndex = i;
      const tag = tagRe.exec(html);
      if (tag) {
        const closing = tag[1] === '/';
        const name = tag[2]!.toLowerCase();
        if (skipped.has(name)) skipDepth = Math.max(0, skipDepth + (closing ? -1 : 1));
        if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
        if (blockTags.has(name)) {
          flush();
          if (!closing && /^h[1-6]$/.test(name)) {
            current.kind = 'heading';
            current.depth = Number(name[1]);
          }
          if (!closing && name === 'li') current.listItem = true;
        }
        i += tag[0].length;
        continue;
      }
    }
    if (skipDepth > 0) {
      i++;
      continue;
    }
    if (ch === '&') {
      entityRe.lastIndex = i;
      const entity = entityRe.exec(html);
      if (entity) {
        const name = entity[1]!;
        const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : undefined;
        const decoded = entities[name] ?? (code !== undefined && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined);
        if (decoded !== undefined) {
          for (let u = 0; u < decoded.length; u++) current.offsets.push(start + i);
          current.text += decoded;
          i += entity[0].length;
          continue;
        }
      }
    }
    // Line breaks inside a block are spaces, as a browser shows them.
    current.text += ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : ch;
    current.offsets.push(start + i);
    i++;
  }
  flush();
  return blocks;
}
