// npm start: builds the add-in, serves it over https on localhost:3000 as Office expects (with
// office-addin-dev-certs' certificate, see serve.mjs), and sideloads it into desktop Excel when
// the optional office-addin-debugging is installed (Windows, Mac). On a machine without Excel
// (Linux) it serves the build and the demo page and says what it skipped: sideloading (no
// desktop Excel) and trusting the certificate (needs sudo).
import { spawnSync } from 'node:child_process';
import { buildAddin, desktopSideloader } from './addin-dev.mjs';
import { serve } from './serve.mjs';

buildAddin();
const port = Number(process.env.PORT ?? 3000);
await serve({ port });

const sideloader = desktopSideloader();
if (sideloader) {
  spawnSync(process.execPath, [sideloader, 'start', 'dist/addin/manifest.xml', 'desktop', '--dev-server-port', String(port)], { stdio: 'inherit' });
} else {
  console.log(`
Không có Excel trên máy này (hoặc chưa cài office-addin-debugging): mở bản trình diễn
  https://localhost:${port}/demo.html
Cách cài vào Excel (Excel trên web, hoặc Excel trên máy Windows/Mac): xem README.
No desktop Excel here (or office-addin-debugging is not installed): open the demo page above.
Dừng / stop: Ctrl+C`);
}
