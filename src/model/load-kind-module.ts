// A model kind of the user's own: `model.module` in an incident file names a JavaScript module
// (path relative to the incident file) whose default export, or export named `kind`, is a
// ModelKind. Loading it registers the kind, so the rest of the program treats it like a
// built-in one. Node runs `.js`/`.mjs` modules; a TypeScript kind must be compiled first (vitest
// can import `.ts` directly, which the tests use).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { access } from 'node:fs/promises';
import { registerKind } from './registry.js';
import type { ModelKind } from './types.js';

export class KindModuleError extends Error {}

/** Absolute path of a kind module named in an incident file. */
export function resolveKindModule(modulePath: string, incidentFile: string): string {
  return path.resolve(path.dirname(path.resolve(incidentFile)), modulePath);
}

export async function loadKindModule(modulePath: string, incidentFile: string, expectedId?: string): Promise<ModelKind<any>> {
  const file = resolveKindModule(modulePath, incidentFile);
  try {
    await access(file);
  } catch {
    throw new KindModuleError(`model.module: no such file ${file} (the path is relative to the incident file)`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const hint = file.endsWith('.ts') ? '; Node runs JavaScript: compile the module to .js or .mjs first' : '';
    throw new KindModuleError(`model.module: cannot import ${file}: ${(error as Error)?.message ?? String(error)}${hint}`);
  }
  const kind = (mod.default ?? mod.kind) as ModelKind<any> | undefined;
  const problems = kindShapeProblems(kind);
  if (problems.length > 0) {
    throw new KindModuleError(
      `model.module: ${file} does not export a model kind (as \`export default\` or \`export const kind\`): ${problems.join('; ')}`,
    );
  }
  if (expectedId !== undefined && kind!.id !== expectedId) {
    throw new KindModuleError(`model.module: ${file} exports kind \`${kind!.id}\`, but model.kind is \`${expectedId}\``);
  }
  const { builtinKinds } = await import('./kinds/index.js');
  if (builtinKinds.some((b) => b.id === kind!.id)) {
    throw new KindModuleError(
      `model.module: ${file} exports kind \`${kind!.id}\`, which is a built-in kind; give yours an id of its own (and use it in model.kind)`,
    );
  }
  registerKind(kind!);
  return kind!;
}

/** What is missing for a value to be a ModelKind, as messages. */
export function kindShapeProblems(kind: unknown): string[] {
  if (typeof kind !== 'object' || kind === null) return ['no such export'];
  const k = kind as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof k.id !== 'string' || k.id === '') problems.push('`id` must be a non-empty string');
  for (const f of ['init', 'apply', 'step', 'observe']) {
    if (typeof k[f] !== 'function') problems.push(`\`${f}\` must be a function`);
  }
  for (const o of ['parameters', 'series', 'actions']) {
    if (typeof k[o] !== 'object' || k[o] === null) problems.push(`\`${o}\` must be an object`);
  }
  if (typeof k.series === 'object' && k.series !== null && typeof k.primarySeries === 'string' && !(k.primarySeries in k.series)) {
    problems.push(`\`primarySeries\` \`${k.primarySeries}\` is not one of its series`);
  }
  return problems;
}
