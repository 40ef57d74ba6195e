// The metadata block a static-site or status-page postmortem starts with: YAML between `---`
// lines (Jekyll, Hugo, cState) or TOML between `+++` lines (Zola, Hugo). It is not prose: its
// times (`date`, `resolvedWhen`) would otherwise be read as events and its keys as the summary.
// The block is blanked (every character but the line breaks becomes a space), so the rest of
// the input keeps its offsets, and what it says about the document is returned: its title and
// the date it carries, which dates the times of a body that writes none of its own.
import type { Ymd } from './place-events.js';

export interface FrontMatter {
  /** The input with the front matter blanked; the input itself when there is none. */
  text: string;
  title?: string;
  /** The document's own date (`date:`, `published:`, or a dated `path`), and the key it came from. */
  date?: { ymd: Ymd; key: string; line: number };
}

// Bounded: a front matter longer than this is not one (nobody writes 20 kB of metadata).
const maxLength = 20_000;

export function readFrontMatter(source: string): FrontMatter {
  const fence = source.startsWith('---\n') || source.startsWith('---\r\n') ? '---' : source.startsWith('+++\n') || source.startsWith('+++\r\n') ? '+++' : undefined;
  if (!fence) return { text: source };
  const close = fence === '---' ? /\r?\n---[ \t]*(?:\r?\n|$)/g : /\r?\n\+\+\+[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(source.slice(0, maxLength));
  if (!m) return { text: source };
  const end = m.index + m[0].length;
  const body = source.slice(4, m.index);
  const fields = new Map<string, { value: string; line: number }>();
  body.split('\n').forEach((raw, i) => {
    const kv = /^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$/.exec(raw);
    if (kv && !fields.has(kv[1]!.toLowerCase())) fields.set(kv[1]!.toLowerCase(), { value: kv[2]!.replace(/^["']|["']$/g, ''), line: i + 2 });
  });
  const title = fields.get('title')?.value;
  let date: FrontMatter['date'];
  for (const key of ['date', 'published', 'pubdate', 'created', 'path', 'slug', 'permalink']) {
    const f = fields.get(key);
    const d = f && /(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)/.exec(f.value);
    if (f && d) {
      date = { ymd: { year: +d[1]!, month: +d[2]!, day: +d[3]! }, key, line: f.line };
      break;
    }
  }
  const blanked = source.slice(0, end).replace(/[^\r\n]/g, ' ') + source.slice(end);
  return { text: blanked, ...(title ? { title } : {}), ...(date ? { date } : {}) };
}
