// A minimal Language Server Protocol client over stdio, enough to ask yaml-language-server for
// completions as an editor would: Content-Length framed JSON-RPC, requests matched by id, and
// the server's own requests (workspace/configuration, client/registerCapability) answered.
// Plain JavaScript so test/pack/pack-install.mjs can use it without a build.
import { spawn } from 'node:child_process';

/**
 * @typedef {object} LspClient
 * @property {(method: string, params: unknown) => Promise<any>} request
 * @property {(method: string, params: unknown) => void} notify
 * @property {() => Promise<void>} close
 */

/**
 * Starts `node <serverScript> --stdio`. `settings` answers workspace/configuration by section
 * (`yaml` → the yaml-language-server settings).
 * @param {string} serverScript
 * @param {Record<string, unknown>} settings
 * @returns {LspClient}
 */
export function startLspServer(serverScript, settings) {
  const child = spawn(process.execPath, [serverScript, '--stdio'], { stdio: 'pipe' });
  let nextId = 1;
  const pending = new Map();
  let buffer = Buffer.alloc(0);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));

  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  };

  const onMessage = (message) => {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`${message.error.message} (${message.error.code})`));
      else waiter?.resolve(message.result);
    } else if (message.id !== undefined) {
      // A request from the server: configuration by section, anything else acknowledged.
      const result =
        message.method === 'workspace/configuration'
          ? message.params.items.map((item) => settings[item.section ?? ''] ?? null)
          : null;
      send({ id: message.id, result });
    }
  };

  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      buffer = buffer.subarray(headerEnd + 4 + length);
      onMessage(JSON.parse(body));
    }
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the language server exited (${code}): ${stderr}`));
    pending.clear();
  });

  return {
    request: (method, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send({ id, method, params });
      }),
    notify: (method, params) => send({ method, params }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await Promise.race([
          (async () => {
            await new Promise((resolve, reject) => {
              const id = nextId++;
              pending.set(id, { resolve, reject });
              send({ id, method: 'shutdown', params: null });
            });
            send({ method: 'exit', params: null });
          })(),
          new Promise((resolve) => setTimeout(resolve, 2000)),
        ]);
      } catch {
        // Exited already.
      }
      if (child.exitCode === null) setTimeout(() => child.exitCode === null && child.kill(), 2000).unref();
      await exited;
    },
  };
}
