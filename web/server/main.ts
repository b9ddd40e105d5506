// The web process. SIGTERM (or Ctrl-C) stops new connections, lets requests and jobs finish, then exits.
import { createLogger } from '../runtime/logger';
import { loadConfigOrExit } from '../runtime/load-config-or-exit';
import { startWebServer } from '../runtime/start-web-server';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, { process: 'web' });
  const web = await startWebServer(config, logger);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    web.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Announced only once the signal handlers are in place (under tsx, the parent learns of them over IPC):
  // whoever waits for this line may stop the process right away.
  if (config.demoMode) process.stdout.write(`\nDemo shop ready: open ${web.url} in your browser.\n\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
