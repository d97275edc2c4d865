// Serves dist/addin/ over https on localhost:3000, as Office expects for a sideloaded add-in,
// with a self-signed certificate made on the spot (no network, no sudo). Used by npm start.
import { createServer } from 'node:https';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'addin');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml', '.png': 'image/png', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export async function serve({ port = 3000, quiet = false } = {}) {
  const { generate } = (await import('selfsigned')).default;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { days: 30, keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }] });
  const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://localhost');
    const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/demo.html' : url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  if (!quiet) process.stdout.write(`GNBV: https://localhost:${port}/taskpane.html (add-in), https://localhost:${port}/demo.html (demo)\n`);
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve({ port: Number(process.env.PORT ?? 3000) });
