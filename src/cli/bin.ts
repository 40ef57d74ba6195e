#!/usr/bin/env node
// The only place that touches the process: argv in, exit code out.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { main } from './main.js';
import { colorWanted } from './color-wanted.js';
import { createProgress, progressWanted } from './progress.js';
import { modulesAllowedByEnv } from '../model/module-trust.js';

// A reader that stops early (`incident-replay validate | head`) closes the pipe: that is not an
// error worth a stack trace. Stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);
void main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  color: colorWanted(process.env, process.stdout.isTTY === true),
  // Caches go where build tools keep theirs, and only in a project that has node_modules.
  cacheDir: existsSync('node_modules') ? path.resolve('node_modules/.cache/incident-replay') : undefined,
  allowModules: modulesAllowedByEnv(process.env),
  ...(progressWanted(process.env, process.stderr.isTTY === true, argv.includes('--quiet') || argv.includes('-q'))
    ? { progress: createProgress(process.stderr) }
    : {}),
}).then((code) => {
  process.exitCode = code;
});
