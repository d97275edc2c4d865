// What npm start and npm run test:excel share: the production build of the add-in, and
// Microsoft's sideloader when the optional office-addin-debugging is installed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Builds dist/addin with webpack; exits the process when the build fails. */
export function buildAddin() {
  const build = spawnSync(process.execPath, ['node_modules/webpack-cli/bin/cli.js', '--mode', 'production'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** office-addin-debugging's CLI, where it is installed and desktop Excel can exist (Windows, Mac); else null. */
export function desktopSideloader() {
  if (process.platform !== 'win32' && process.platform !== 'darwin') return null;
  try {
    return createRequire(import.meta.url).resolve('office-addin-debugging/cli.js');
  } catch {
    return null;
  }
}
