// `sensitivity` as `build` and `report` run it: from the cache when the incident file, the
// options and the code are unchanged (sensitivity-cache.ts), else computed and cached. The
// result is always the plain-JSON form, so a report renders the same bytes either way.
import { readFile } from 'node:fs/promises';
import type { Incident } from '../incident/schema.js';
import { kindForIncident } from '../replay/replay-incident.js';
import { resolveKindModule } from '../model/load-kind-module.js';
import { rangedParameters, sensitivityOf, type SensitivityResult } from './sensitivity.js';
import { asCachedResult, readCachedSensitivity, sensitivityCacheKey, writeCachedSensitivity } from './sensitivity-cache.js';

export interface CachedSensitivityOptions {
  samples: number;
  seed: number;
  /** Worker threads (the result is the same bytes whatever the number). */
  workers?: number;
  /** Where to keep results; none: always computed. */
  cacheDir?: string;
  /** Sampled worlds replayed so far, when the result is computed. */
  onProgress?: (done: number, total: number) => void;
}

/** Null when no parameter of the incident has a plausible range (nothing to sample). */
export async function cachedSensitivity(incident: Incident, incidentFile: string, options: CachedSensitivityOptions): Promise<SensitivityResult | null> {
  if (rangedParameters(incident).length === 0) return null;
  const module = incident.model?.module !== undefined ? resolveKindModule(incident.model.module, incidentFile) : undefined;
  let key: string | undefined;
  if (options.cacheDir !== undefined) {
    key = await sensitivityCacheKey({
      incidentBytes: await readFile(incidentFile),
      ...(module !== undefined ? { kindModuleBytes: await readFile(module).catch(() => new Uint8Array()) } : {}),
      samples: options.samples,
      seed: options.seed,
    });
    const cached = await readCachedSensitivity(options.cacheDir, key);
    if (cached) return cached;
  }
  const kind = await kindForIncident(incident, incidentFile);
  const result = asCachedResult(await sensitivityOf(incident, kind, {
      samples: options.samples,
      seed: options.seed,
      workers: options.workers,
      kindModule: module,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }));
  if (options.cacheDir !== undefined && key !== undefined) await writeCachedSensitivity(options.cacheDir, key, result);
  return result;
}
