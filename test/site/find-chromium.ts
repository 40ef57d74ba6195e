// Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's package (`apt-get install
// chromium`, which .ci/setup runs). Nothing downloads a browser. Without one the tests skip
// with a message on a developer's machine, and fail in CI (CI=true), where .ci/setup installs it.
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return candidates.find((c) => existsSync(c));
}

export const noChromiumMessage = `no Chromium binary (${candidates.join(', ')}, or CHROMIUM_PATH): the browser tests need Debian's chromium package (\`apt-get install chromium\`, as .ci/setup does)`;
