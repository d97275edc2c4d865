// Serves dist/addin/ over https on localhost:3000, as Office expects for a sideloaded add-in.
// The certificate is office-addin-dev-certs' own (~/.office-addin-dev-certs/localhost.crt, signed
// by its "Developer CA for Microsoft Office Add-ins"), the one `npx office-addin-dev-certs install`
// makes desktop Excel trust. On Windows and Mac it is installed as Microsoft's templates do (the
// system asks once); on Linux installing the CA needs sudo, so it is only generated (offline)
// and the page says what is skipped. Tests pass `ephemeral: true` for a throwaway certificate.
import { createServer } from 'node:https';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'addin');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.png': 'image/png', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/**
 * Bundles named by their content hash never change: cached for good. Everything else (the
 * pages, functions.json, the manifest, icons) is revalidated, so a new build is seen at once
 * and a cached page never names bundles that are gone (the build keeps the previous ones too).
 */
export function cacheControl(file) {
  return /\.[0-9a-f]{8}\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The https key and certificate, and a note on what was skipped (null when nothing was). */
export async function certificate({ ephemeral = false } = {}) {
  if (ephemeral) {
    const { generate } = (await import('selfsigned')).default;
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { days: 1, keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }] });
    return { key: pems.private, cert: pems.cert, note: null };
  }
  const devCerts = await import('office-addin-dev-certs');
  const { localhostCertificatePath, localhostKeyPath, caCertificatePath } = await import('office-addin-dev-certs/lib/defaults.js');
  if (process.platform === 'win32' || process.platform === 'darwin') {
    const options = await devCerts.getHttpsServerOptions();
    return { key: options.key, cert: options.cert, note: null };
  }
  if (!existsSync(localhostCertificatePath) || !existsSync(localhostKeyPath) || !devCerts.verifyCertificates(localhostCertificatePath, localhostKeyPath)) {
    await devCerts.generateCertificates();
  }
  return {
    key: readFileSync(localhostKeyPath),
    cert: readFileSync(localhostCertificatePath),
    note: `Chứng chỉ của office-addin-dev-certs (${caCertificatePath}) chưa được cài làm tin cậy: trên Linux việc đó cần sudo nên bị bỏ qua. Trình duyệt sẽ cảnh báo; chọn "Tiếp tục", hoặc chạy: sudo npx office-addin-dev-certs install
The office-addin-dev-certs CA (${caCertificatePath}) is not installed as trusted: on Linux that needs sudo, so it is skipped. The browser will warn; continue, or run: sudo npx office-addin-dev-certs install`,
  };
}

export async function serve({ port = 3000, quiet = false, ephemeral = false } = {}) {
  const { key, cert, note } = await certificate({ ephemeral });
  const server = createServer({ key, cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://localhost');
    const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/demo.html' : url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': cacheControl(file), 'Access-Control-Allow-Origin': '*' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const actual = server.address().port;
  if (!quiet) {
    process.stdout.write(`GNBV: https://localhost:${actual}/taskpane.html (add-in), https://localhost:${actual}/demo.html (demo)\n`);
    if (note) process.stdout.write(`${note}\n`);
  }
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve({ port: Number(process.env.PORT ?? 3000) });
