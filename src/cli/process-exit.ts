import { removeTempFiles } from '../io/files.js';
import type { Language } from '../engine/messages.js';
import { SAY } from './text.js';

/** The language and --debug of a command line, read before it is parsed (for failures of the process itself). */
export function processOptions(argv: readonly string[]): { lang: Language; debug: boolean } {
  // indexOf is -1 without --lang: argv[0] would be read as its value.
  const at = argv.indexOf('--lang');
  const lang = argv.includes('--lang=en') || (at >= 0 && argv[at + 1] === 'en') ? 'en' : 'vi';
  return { lang, debug: argv.includes('--debug') };
}

/**
 * What the process does when its output is closed (`gnbv validate … | head`) or it is
 * interrupted: one line on stderr, exit 2 (or the signal's code), and no temp file left behind.
 */
export function installExitHandlers(lang: Language): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    removeTempFiles();
    if (error.code === 'EPIPE') process.stderr.write(`${SAY[lang].pipeClosed}\n`);
    else process.stderr.write(`${SAY[lang].unexpected(error.message)}\n`);
    process.exit(2);
  });
  // stderr closed too: nothing can be said any more.
  process.stderr.on('error', () => {
    removeTempFiles();
    process.exit(2);
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      removeTempFiles();
      process.exit(code);
    });
  }
}
