/**
 * Connecting to an Elasticsearch cluster: URL, API key or basic auth, and a CA certificate, from
 * explicit options first and the environment second (ES_URL, ES_API_KEY, ES_USERNAME,
 * ES_PASSWORD, ES_CA_CERT). Credentials never appear in error messages.
 */
import fs from 'fs';
import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { errorMessage } from '../../../common/error_message';

/**
 * The client surface the stores use: Kibana hands out clients without the connection-level members
 * (its `ElasticsearchClient` type omits exactly these), so the stores accept either.
 */
export type EsClient = Omit<
  Client,
  'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic'
>;

export interface EsConnectionOptions {
  readonly url?: string;
  readonly apiKey?: string;
  readonly username?: string;
  readonly password?: string;
  /** Path to a PEM file with the CA that signed the cluster's certificate. */
  readonly caCertPath?: string;
  readonly requestTimeoutMs?: number;
}

export const ES_ENV = {
  url: 'ES_URL',
  apiKey: 'ES_API_KEY',
  username: 'ES_USERNAME',
  password: 'ES_PASSWORD',
  caCertPath: 'ES_CA_CERT',
} as const;

const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/**
 * The transport's own retries, for requests that bypass the stores' retry policy (ingest, index
 * setup, alert queries): 502/503/504 retried at once, connection errors with backoff, never 429
 * or a timeout. The event and alert stores turn these off per request and follow their
 * `RetryPolicy` instead (retry_policy.ts, resilient_client.ts), so attempts never multiply.
 */
const TRANSPORT_MAX_RETRIES = 3;

export class EsConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EsConnectionError';
  }
}

/** Options with the environment filling what was not given explicitly. */
export const resolveConnection = (
  options: EsConnectionOptions,
  env: NodeJS.ProcessEnv = process.env
): EsConnectionOptions & { readonly url: string } => {
  const url = options.url ?? env[ES_ENV.url];
  if (!url)
    throw new EsConnectionError(`No Elasticsearch URL: pass --es <url> or set ${ES_ENV.url}.`);
  return {
    ...options,
    url,
    apiKey: options.apiKey ?? env[ES_ENV.apiKey],
    username: options.username ?? env[ES_ENV.username],
    password: options.password ?? env[ES_ENV.password],
    caCertPath: options.caCertPath ?? env[ES_ENV.caCertPath],
  };
};

const authOf = (options: EsConnectionOptions): ClientOptions['auth'] => {
  if (options.apiKey) return { apiKey: options.apiKey };
  if (options.username) return { username: options.username, password: options.password ?? '' };
  return undefined;
};

const tlsOf = (caCertPath: string | undefined): ClientOptions['tls'] => {
  if (!caCertPath) return undefined;
  try {
    return { ca: fs.readFileSync(caCertPath, 'utf8') };
  } catch (error) {
    throw new EsConnectionError(
      `Cannot read the CA certificate ${caCertPath}: ${errorMessage(error)}`
    );
  }
};

export const createEsClient = (
  options: EsConnectionOptions = {},
  env: NodeJS.ProcessEnv = process.env
): Client => {
  const resolved = resolveConnection(options, env);
  const auth = authOf(resolved);
  const tls = tlsOf(resolved.caCertPath);
  return new Client({
    node: resolved.url,
    requestTimeout: resolved.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries: TRANSPORT_MAX_RETRIES,
    ...(auth ? { auth } : {}),
    ...(tls ? { tls } : {}),
  });
};
