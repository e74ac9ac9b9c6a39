/** Entry point of `npm start` (see standalone_server.ts); options on the command line or in CTD_* variables. */
import path from 'path';
import { Command } from 'commander';
import { isLoopbackHost } from './loopback';
import { DEFAULT_MAX_UPLOAD_BYTES } from './request_body';
import { DEFAULT_HOST, DEFAULT_PORT, startStandaloneServer } from './standalone_server';
import { consoleLog } from './server_log';
import { errorMessage } from '../../common/error_message';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MEBIBYTE = 1024 * 1024;
const TRUE_VALUES: ReadonlySet<string> = new Set(['1', 'true', 'yes']);

interface CommandLine {
  readonly dataDir: string;
  readonly host: string;
  readonly port: string;
  readonly sampleData: boolean;
  readonly requireApiKey: boolean;
  readonly maxUploadMb: string;
}

const envFlag = (name: string): boolean => TRUE_VALUES.has((process.env[name] ?? '').toLowerCase());

const parsePort = (text: string): number => {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number (got ${text})`);
  return port;
};

const parseMebibytes = (text: string): number => {
  const megabytes = Number(text);
  if (!Number.isInteger(megabytes) || megabytes < 1)
    throw new Error(`--max-upload-mb must be a whole number of MiB, at least 1 (got ${text})`);
  return megabytes * MEBIBYTE;
};

const main = async (): Promise<void> => {
  const options = new Command('ctd-server')
    .description(
      'Container Threat Detection without Kibana: API, UI and scheduled rules over the embedded store'
    )
    .option(
      '--data-dir <dir>',
      'where the embedded store keeps its database (and the API key)',
      process.env.CTD_DATA_DIR ?? path.join(process.cwd(), '.data')
    )
    .option(
      '--host <host>',
      'interface to bind; any non-loopback address requires the API key',
      process.env.CTD_HOST ?? DEFAULT_HOST
    )
    .option('--port <port>', 'port to listen on', process.env.CTD_PORT ?? String(DEFAULT_PORT))
    .option(
      '--require-api-key',
      'require the API key on loopback too (CTD_REQUIRE_API_KEY=true)',
      envFlag('CTD_REQUIRE_API_KEY')
    )
    .option(
      '--max-upload-mb <MiB>',
      'largest NDJSON upload accepted over HTTP',
      process.env.CTD_MAX_UPLOAD_MB ?? String(DEFAULT_MAX_UPLOAD_BYTES / MEBIBYTE)
    )
    .option('--no-sample-data', 'do not load generated sample events into an empty store')
    .parse(process.argv)
    .opts<CommandLine>();
  const log = consoleLog();
  const port = parsePort(options.port);
  const maxUploadBytes = parseMebibytes(options.maxUploadMb);
  // The key protects access, not the wire: plain HTTP shows it to anyone on the path.
  if (!isLoopbackHost(options.host))
    log.warn(
      `binding to ${options.host}: plain HTTP, so put a TLS proxy or an SSH tunnel in front when the network is not trusted`
    );
  const server = await startStandaloneServer({
    dataDir: options.dataDir,
    host: options.host,
    port,
    sampleData: options.sampleData,
    requireApiKey: options.requireApiKey,
    maxUploadBytes,
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
  process.stderr.write(`ctd-server: ${errorMessage(error)}\n`);
  process.exit(1);
});
