// The browser script and stylesheet of the site, bundled by esbuild when the package is built
// (`npm run build`: tools/bundle-site-assets.mjs → dist/site-assets/), never at the user's run.
// Read from the package's own dist/, whether this module runs from dist/site/ or src/site/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/io.js';

export interface SiteAssets {
  'site.js': string;
  'site.css': string;
}

export const siteAssetsDir = fileURLToPath(new URL('../../dist/site-assets/', import.meta.url));

export async function readSiteAssets(dir = siteAssetsDir): Promise<SiteAssets> {
  try {
    const [js, css] = await Promise.all([readFile(`${dir}site.js`, 'utf8'), readFile(`${dir}site.css`, 'utf8')]);
    return { 'site.js': js, 'site.css': css };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UserError(`the site's script and stylesheet are not built (${dir} has no site.js or site.css); run \`npm run build\` in the incident-replay package`);
  }
}
