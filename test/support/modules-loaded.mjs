// Preloaded (`node --import`) into a spawned CLI, and so into its worker threads too: prints
// `module-loaded <url>` on stderr for every file the module loader loads, so a test can see what
// a command reads. CommonJS files (the bundled CLI is CommonJS) do not pass the ES module
// loader's hooks: those the process required are printed at exit.
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => {
  if (url.startsWith('file:')) process.stderr.write(`module-loaded ${url}\n`);
});
port1.unref();
const hook = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });

const required = createRequire(import.meta.url).cache;
process.on('exit', () => {
  for (const file of Object.keys(required)) process.stderr.write(`module-loaded ${pathToFileURL(file).href}\n`);
});
