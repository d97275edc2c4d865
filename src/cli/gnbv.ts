import { failureLine, runCli } from './main.js';
import { installExitHandlers, processOptions } from './process-exit.js';

const argv = process.argv.slice(2);
const { lang, debug } = processOptions(argv);
installExitHandlers(lang);
runCli(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${failureLine(error, lang)}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
