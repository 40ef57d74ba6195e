import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { builtinTemplateNames, builtinTemplatePath, templateOptionPath, unknownTemplate } from '../../src/incident/template-path.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('template names', () => {
  it('lists the built-in templates of the package', () => {
    expect(builtinTemplateNames()).toEqual(['brief', 'default']);
  });

  it('resolves a name in the package’s templates/, whatever the working directory', () => {
    for (const cwd of [root, tmpdir(), '/']) {
      expect(templateOptionPath('brief', cwd)).toEqual({ ok: true, absolute: path.join(root, 'templates/brief.md') });
    }
    expect(builtinTemplatePath('../package')).toBeUndefined();
  });

  it('takes anything else as a path relative to the working directory', () => {
    expect(templateOptionPath('my/report.md', '/work/x')).toEqual({ ok: true, absolute: '/work/x/my/report.md' });
  });

  it('refuses an unknown name, listing the names and suggesting the nearest', () => {
    const r = templateOptionPath('breif', tmpdir());
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ message: 'unknown template `breif`; the built-in templates are `brief`, `default`' });
    expect(unknownTemplate('breif')?.hint).toContain('did you mean `brief`?');
  });
});
