import { spawn } from 'node:child_process';
import { Option, type Command } from 'commander';
import { serveUi } from '../ui/server.js';
import { EXIT } from './exit-codes.js';
import { intOption } from './options.js';

/** Asks the desktop to open `url`; a machine without one is no error (the URL is printed anyway). */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}

const EXAMPLES = `
Examples (from a clone: npm ci, then npx hotup ...):
  npx hotup ui                      # serve on port 5173 and open the page
  npx hotup ui --port 0 --no-open   # any free port; open the printed URL yourself`;

/** `hotup ui [--port n] [--no-open]`: the explorer in the browser, served locally until interrupted. */
export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description('serve the interactive explorer (step the model by hand, load counterexamples and traces, explore and check) on a local port and print its URL')
    .addOption(new Option('--port <n>', 'the local port (0: any free one)').default(5173).argParser(intOption('--port', 0, 65535)))
    .option('--no-open', 'do not ask the desktop to open the page')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: { port: number; open: boolean }) => {
      let server;
      try {
        server = await serveUi(flags.port);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        process.stderr.write(`hotup ui: cannot listen on port ${flags.port} (${code ?? (e as Error).message}); pass --port 0 for any free port\n`);
        process.exitCode = EXIT.BAD_INPUT;
        return;
      }
      process.stdout.write(`hotup ui: ${server.url}\n(Ctrl-C stops it)\n`);
      if (flags.open) openBrowser(server.url);
      const stop = (): void => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
