/** Entry point of `npm start` (see standalone_server.ts); options on the command line or in CTD_* variables. */
import path from 'path';
import { Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT, startStandaloneServer } from './standalone_server';
import { consoleLog } from './server_log';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const main = async (): Promise<void> => {
  const options = new Command('ctd-server')
    .description('Container Threat Detection without Kibana: API, UI and scheduled rules over the embedded store')
    .option('--data-dir <dir>', 'where the embedded store keeps its database', process.env.CTD_DATA_DIR ?? path.join(process.cwd(), '.data'))
    .option('--host <host>', 'interface to bind (other hosts can reach the server when this is not loopback)', process.env.CTD_HOST ?? DEFAULT_HOST)
    .option('--port <port>', 'port to listen on', process.env.CTD_PORT ?? String(DEFAULT_PORT))
    .option('--no-sample-data', 'do not load generated sample events into an empty store')
    .parse(process.argv)
    .opts<{ dataDir: string; host: string; port: string; sampleData: boolean }>();
  const log = consoleLog();
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (got ${options.port})`);
  if (options.host !== DEFAULT_HOST && options.host !== 'localhost') log.warn(`binding to ${options.host}: the API has no login, anyone who can reach this address can use it`);
  const server = await startStandaloneServer({
    dataDir: options.dataDir,
    host: options.host,
    port,
    sampleData: options.sampleData,
    uiDir: path.join(ROOT, 'dist', 'public'),
    log,
  });
  const shutdown = (): void => {
    log.info('shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  process.stderr.write(`ctd-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
