/**
 * The `--es*` options of commands that can work against an Elasticsearch cluster instead of the
 * embedded store. `--es <url>` chooses the cluster; credentials and the CA certificate come from
 * the other options or, when not given, from the environment (ES_API_KEY, ES_USERNAME,
 * ES_PASSWORD, ES_CA_CERT), which is where a password belongs: command lines are visible to every
 * user of the machine (`ps`) and end up in shell history.
 */
import { errors, type Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import {
  createEsClient,
  ES_ENV,
  EsConnectionError,
  resolveConnection,
  type EsConnectionOptions,
} from '../server/stores/elasticsearch/es_client';
import { CliError } from './cli_error';
import type { CliIo } from './cli_io';

/** The options as commander parses them (camel-cased flag names). */
export interface EsCliOptions {
  readonly es?: string;
  readonly esApiKey?: string;
  readonly esUsername?: string;
  readonly esPassword?: string;
  readonly esCaCert?: string;
}

export type ResolvedEsConnection = ReturnType<typeof resolveConnection>;

export const PASSWORD_ON_COMMAND_LINE_WARNING =
  `warning: a password given with --es-password is visible to other users of this machine (ps, shell history); ` +
  `set ${ES_ENV.password} instead`;

const URL_PROTOCOLS = new Set(['http:', 'https:']);

/** Flags that only make sense with `--es`, by the option key commander gives them. */
const CONNECTION_FLAGS: ReadonlyArray<readonly [keyof EsCliOptions, string]> = [
  ['esApiKey', '--es-api-key'],
  ['esUsername', '--es-username'],
  ['esPassword', '--es-password'],
  ['esCaCert', '--es-ca-cert'],
];

export const esOptions = (command: Command): Command =>
  command
    .option('--es <url>', 'use the Elasticsearch cluster at this URL instead of the embedded store')
    .option(
      '--es-api-key <key>',
      `Elasticsearch API key (base64 "id:key"); default $${ES_ENV.apiKey}`
    )
    .option('--es-username <user>', `Elasticsearch basic-auth user; default $${ES_ENV.username}`)
    .option(
      '--es-password <pw>',
      `Elasticsearch basic-auth password; prefer $${ES_ENV.password}, a password on the command line is visible to other users`
    )
    .option(
      '--es-ca-cert <file>',
      `PEM file of the CA that signed the cluster's certificate; default $${ES_ENV.caCertPath}`
    );

const checkUrl = (url: string): void => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--es must be a URL such as http://localhost:9200 (got ${url})`);
  }
  if (!URL_PROTOCOLS.has(parsed.protocol))
    throw new CliError(`--es must be an http:// or https:// URL (got ${parsed.protocol})`);
};

/**
 * The connection the options ask for, with the environment filling what they leave out, or
 * undefined when `--es` is not given (the command uses the embedded store). A connection flag
 * without `--es` is an error rather than silently ignored.
 */
export const esConnectionFrom = (
  options: EsCliOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env
): ResolvedEsConnection | undefined => {
  if (options.es === undefined) {
    const stray = CONNECTION_FLAGS.find(([key]) => options[key] !== undefined);
    if (stray) throw new CliError(`${stray[1]} needs --es <url>`);
    return undefined;
  }
  checkUrl(options.es);
  if (options.esPassword !== undefined) io.err(PASSWORD_ON_COMMAND_LINE_WARNING);
  const given: EsConnectionOptions = {
    url: options.es,
    apiKey: options.esApiKey,
    username: options.esUsername,
    password: options.esPassword,
    caCertPath: options.esCaCert,
  };
  return resolveConnection(given, env);
};

/** A client for the cluster `--es` names, or undefined without `--es`; bad settings are user errors. */
export const esClientFrom = (
  options: EsCliOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env
): Client | undefined => {
  const connection = esConnectionFrom(options, io, env);
  if (connection === undefined) return undefined;
  try {
    return createEsClient(connection);
  } catch (error) {
    if (error instanceof EsConnectionError || error instanceof errors.ConfigurationError)
      throw new CliError(error.message);
    throw error;
  }
};
