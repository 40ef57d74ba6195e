#!/usr/bin/env node
// The only place that touches the process: argv in, exit code out.
import { main } from './main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI,
});
process.exitCode = code;
