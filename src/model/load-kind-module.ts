// A model kind of the user's own: `model.module` in an incident file names a JavaScript or
// TypeScript module (path relative to the incident file) whose default export, or export named
// `kind`, is a ModelKind. Loading it registers the kind, so the rest of the program treats it
// like a built-in one. Node 20 runs JavaScript only: a `.ts`/`.mts` module is transpiled with the
// `typescript` package (the user's, as a TypeScript project has it) to a temporary `.mjs` beside
// it, so that its relative imports still resolve, and the temporary file is removed at once.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { access, readFile, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { registerKind } from './registry.js';
import type { ModelKind } from './types.js';
import { modulesAllowed, moduleNotTrustedHint } from './module-trust.js';
import { resolveDataPath } from '../incident/project-path.js';
import { quoteUserText } from '../incident/quote-user-text.js';

export class KindModuleError extends Error {
  constructor(
    message: string,
    /** `not-trusted`: the run has no opt-in for modules (see module-trust.ts); nothing was imported. */
    readonly reason: 'not-trusted' | 'outside-project' | 'failed' = 'failed',
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const moduleNotTrustedMessage =
  'model.module names code, and this run does not allow loading code named in incident files; nothing was imported';

/** Absolute path of a kind module named in an incident file. */
export function resolveKindModule(modulePath: string, incidentFile: string): string {
  return path.resolve(path.dirname(path.resolve(incidentFile)), modulePath);
}

/**
 * Load the kind module an incident file names: only with the run's opt-in (module-trust.ts),
 * and only from inside the project (project-path.ts).
 */
export async function loadKindModule(modulePath: string, incidentFile: string, expectedId?: string): Promise<ModelKind<any>> {
  const resolved = resolveDataPath(modulePath, incidentFile);
  if (!resolved.ok) throw new KindModuleError(`model.module: \`${quoteUserText(modulePath)}\` ${resolved.message}`, 'outside-project', resolved.hint);
  if (!modulesAllowed()) throw new KindModuleError(moduleNotTrustedMessage, 'not-trusted', moduleNotTrustedHint);
  return importKindModule(resolved.absolute, expectedId);
}

/**
 * Import and register a kind module by absolute path, with no trust or path check: for a module
 * `loadKindModule` has already vetted (the Monte Carlo workers load the main thread's).
 */
export async function importKindModule(file: string, expectedId?: string): Promise<ModelKind<any>> {
  try {
    await access(file);
  } catch {
    throw new KindModuleError(`model.module: no such file ${file} (the path is relative to the incident file)`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = isTypeScript(file) ? await importTypeScript(file) : ((await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (error) {
    if (error instanceof KindModuleError) throw error;
    throw new KindModuleError(`model.module: cannot import ${file}: ${(error as Error)?.message ?? String(error)}`);
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

function isTypeScript(file: string): boolean {
  return /\.(?:ts|mts)$/.test(file) && !file.endsWith('.d.ts');
}

async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  let ts: typeof import('typescript');
  try {
    ts = ((await import('typescript')) as { default: typeof import('typescript') }).default;
  } catch {
    throw new KindModuleError(
      `model.module: ${file} is TypeScript, and the \`typescript\` package is not installed to transpile it; install it (npm install -D typescript) or compile the module to .js/.mjs`,
    );
  }
  const source = await readFile(file, 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  const syntax = (diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length > 0) {
    const d = syntax[0]!;
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    throw new KindModuleError(`model.module: ${file}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ${message}`);
  }
  // Beside the source, so `./helpers.js` imports resolve as they would for the compiled module;
  // unique per load, so concurrent loads (Monte Carlo workers) never share a file.
  const unique = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file).replace(/\.m?ts$/, '')}.${unique}.incident-replay.mjs`);
  await writeFile(temporary, outputText);
  try {
    return (await import(pathToFileURL(temporary).href)) as Record<string, unknown>;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
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
