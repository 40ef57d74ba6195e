// What `npm pack` ships: the compiled CLI with the sources its source maps point at, the schema,
// the built-in templates and the licence; no compiled file names a map, and no map a source, that
// the package lacks. (test/pack/pack-install.mjs checks the same in a real install.)
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

describe('the packed package', () => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  )[0] as { files: { path: string }[] };
  const files = new Set(packed.files.map((f) => f.path));

  it('holds the CLI, the schema, the built-in templates and the licence', () => {
    expect(existsSync(path.join(root, 'dist/cli/bin.js')), 'run `npm run build` first (npm test does)').toBe(true);
    for (const f of ['dist/cli/bin.js', 'dist/index.js', 'dist/index.d.ts', 'schema/incident.schema.json', 'templates/default.md', 'LICENSE', 'package.json', 'README.md']) {
      expect(files.has(f), f).toBe(true);
    }
    expect([...files].some((f) => f.startsWith('test/') || f.startsWith('incidents/') || f.startsWith('out/'))).toBe(false);
  });

  it('has no dangling source map: every source a map names is in the package or embedded in the map', () => {
    const maps = [...files].filter((f) => f.endsWith('.js.map') || f.endsWith('.cjs.map'));
    expect(maps.length).toBeGreaterThan(50);
    const dangling = maps.flatMap((map) => {
      const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(root, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      // The bundled CLI's maps carry the code of the dependencies it bundles (not in the package).
      return sources.filter((_, i) => typeof sourcesContent?.[i] !== 'string').map((s) => path.posix.join(path.posix.dirname(map), s)).filter((s) => !files.has(s));
    });
    expect(dangling).toEqual([]);
  });

  it('has no dangling sourceMappingURL: every compiled file that names a map ships it', () => {
    const scripts = [...files].filter((f) => f.startsWith('dist/') && (f.endsWith('.js') || f.endsWith('.cjs')));
    expect(scripts.length).toBeGreaterThan(50);
    const named = scripts.flatMap((script) => {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path.join(root, script), 'utf8'))?.[1];
      return url === undefined ? [] : [{ script, url, map: path.posix.join(path.posix.dirname(script), url) }];
    });
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter(({ map }) => !files.has(map)).map(({ script, url }) => `${script} → ${url}`)).toEqual([]);
  });
});
