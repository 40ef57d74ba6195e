// The keys the schema allows at a path of the document, for "did you mean" suggestions.
import type { z } from 'zod';
import { Incident } from './schema.js';

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

export function schemaAt(path: readonly (string | number)[], root: AnySchema = Incident): AnySchema | undefined {
  let s: AnySchema | undefined = unwrap(root);
  for (const segment of path) {
    if (!s) return undefined;
    const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema };
    if (def.type === 'object' && def.shape) s = def.shape[String(segment)];
    else if (def.type === 'array' && def.element) s = def.element;
    else if (def.type === 'record' && def.valueType) s = def.valueType;
    else return undefined;
    s = s ? unwrap(s) : undefined;
  }
  return s;
}

export function knownKeysAt(path: readonly (string | number)[]): string[] {
  const s = schemaAt(path);
  const def = s?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
