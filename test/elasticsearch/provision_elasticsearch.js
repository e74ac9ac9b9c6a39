#!/usr/bin/env node
/**
 * Provisions a throwaway single-node Elasticsearch for tests, without Docker: the
 * `integ-test-zip` distribution from Maven Central (the only place this CI can reach), run on the
 * machine's JDK, bound to 127.0.0.1 on a free port, with per-run data/logs in os.tmpdir().
 *
 *   node test/elasticsearch/provision_elasticsearch.js start|stop|status
 *   const { startElasticsearch } = require('./provision_elasticsearch'); const es = await startElasticsearch();
 *
 * Plain CommonJS with node: builtins only, so it runs before (or without) `npm install`.
 */
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { extractZip } = require('./zip_extract');

// 8.19.x is the newest integ-test-zip on Maven Central (9.x is not published there, and needs JDK 21);
// 8.x still runs on JDK 17.
const DEFAULT_ES_VERSION = '8.19.21';
const MAVEN_ARTIFACT = 'org.elasticsearch.distribution.integ-test-zip:elasticsearch';
const CACHE_SUBDIR = path.join('container-threat-detection', 'elasticsearch');
const STATE_FILE_NAME = 'running.json';
const RUN_DIR_PREFIX = 'ctd-es-';
const RUN_INFO_FILE = 'run.json';
// Elasticsearch refuses to run as root; when we are root we run it as this system user.
const SERVICE_USER = 'ctd-es';
// Small enough for CI; benchmarks ask for more (options.heap or CTD_ES_HEAP, a JVM size like 2g).
const DEFAULT_HEAP = '512m';
const HEAP_SIZE = /^\d+[mg]$/i;
const javaOptions = (heap) => `-Xms${heap} -Xmx${heap}`;
const HEALTH_TIMEOUT_MS = 120_000;
const HEALTH_POLL_MS = 500;
const HEALTH_REQUEST_TIMEOUT_MS = 5_000;
const PROGRESS_EVERY_MS = 10_000;
const STOP_GRACE_MS = 20_000;
const KILL_WAIT_MS = 5_000;
const LOG_TAIL_LINES = 40;
// A run dir without run.json is a start in progress, or one that died before launching ES.
const ORPHAN_RUN_DIR_AGE_MS = 60 * 60 * 1000;

function log(message) {
  process.stderr.write(`[elasticsearch] ${message}\n`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(sinceMs) {
  return ((Date.now() - sinceMs) / 1000).toFixed(1);
}

// ---------------------------------------------------------------- locations and prerequisites

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, CACHE_SUBDIR);
}

function stateFilePath() {
  return path.join(cacheRoot(), STATE_FILE_NAME);
}

function findOnPath(command) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/** ES ignores JAVA_HOME and reads ES_JAVA_HOME; we accept either, or derive it from `java` on PATH. */
function resolveJavaHome() {
  const fromEnv = process.env.ES_JAVA_HOME || process.env.JAVA_HOME;
  if (fromEnv) return fromEnv;
  const java = findOnPath('java');
  if (!java) throw new Error('Java 17+ is required: set JAVA_HOME or put `java` on PATH');
  // /usr/bin/java is usually a chain of symlinks into the JDK's bin/.
  return path.dirname(path.dirname(fs.realpathSync(java)));
}

function runQuiet(command, args) {
  return childProcess
    .execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .trim();
}

/** Returns {uid, gid} to run ES as, or undefined when we are not root and can run it ourselves. */
function ensureServiceUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    runQuiet('id', ['-u', SERVICE_USER]);
  } catch {
    log(`creating system user ${SERVICE_USER} (Elasticsearch refuses to run as root)`);
    try {
      runQuiet('useradd', [
        '--system',
        '--no-create-home',
        '--user-group',
        '--shell',
        '/usr/sbin/nologin',
        SERVICE_USER,
      ]);
    } catch (error) {
      // Another process may have created it between our check and useradd.
      if (!/already exists/.test(String(error.stderr))) throw error;
    }
  }
  return {
    uid: Number(runQuiet('id', ['-u', SERVICE_USER])),
    gid: Number(runQuiet('id', ['-g', SERVICE_USER])),
  };
}

// ---------------------------------------------------------------- download and cache

function downloadDistribution(version, versionDir, javaHome) {
  const zipPath = path.join(versionDir, `elasticsearch-${version}.zip`);
  if (fs.existsSync(zipPath)) return zipPath;
  const started = Date.now();
  log(`downloading ${MAVEN_ARTIFACT}:${version}:zip from Maven Central…`);
  // Download into a private dir and rename, so a concurrent or interrupted run never sees half a zip.
  const partialDir = fs.mkdtempSync(path.join(versionDir, 'download-'));
  const result = childProcess.spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      'dependency:copy',
      `-Dartifact=${MAVEN_ARTIFACT}:${version}:zip`,
      `-DoutputDirectory=${partialDir}`,
    ],
    // Output is captured and shown only on failure: even -q prints stray colour codes.
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, JAVA_HOME: javaHome },
    }
  );
  try {
    if (result.error) throw new Error(`could not run Maven (mvn): ${result.error.message}`);
    if (result.status !== 0) {
      log(stripAnsi(`${result.stdout}${result.stderr}`).trim());
      throw new Error(
        `mvn dependency:copy failed (exit ${result.status}); is ${version} published on Maven Central?`
      );
    }
    fs.renameSync(path.join(partialDir, `elasticsearch-${version}.zip`), zipPath);
  } finally {
    fs.rmSync(partialDir, { recursive: true, force: true });
  }
  log(`downloaded in ${seconds(started)}s`);
  return zipPath;
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function extractDistribution(version, versionDir, zipPath) {
  const home = path.join(versionDir, `elasticsearch-${version}`);
  const started = Date.now();
  log(`extracting ${path.basename(zipPath)}…`);
  const partialDir = fs.mkdtempSync(path.join(versionDir, 'extract-'));
  try {
    extractZip(zipPath, partialDir);
    fs.renameSync(path.join(partialDir, `elasticsearch-${version}`), home);
  } catch (error) {
    // Losing a rename race to a concurrent run is fine: its copy is identical.
    if (!isExtracted(home)) throw error;
  } finally {
    fs.rmSync(partialDir, { recursive: true, force: true });
  }
  log(`extracted in ${seconds(started)}s`);
  return home;
}

function isExtracted(home) {
  return fs.existsSync(path.join(home, 'bin', 'elasticsearch'));
}

/** Returns the cached ES home for `version`, downloading and extracting it on first use. */
function ensureDistribution(version, javaHome) {
  const versionDir = path.join(cacheRoot(), version);
  const home = path.join(versionDir, `elasticsearch-${version}`);
  if (isExtracted(home)) return home;
  fs.mkdirSync(versionDir, { recursive: true });
  try {
    return extractDistribution(
      version,
      versionDir,
      downloadDistribution(version, versionDir, javaHome)
    );
  } catch (error) {
    removeIfEmpty(versionDir);
    throw error;
  }
}

/** Keeps a failed download of a bogus ES_VERSION from leaving an empty cache dir behind. */
function removeIfEmpty(dir) {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty (a cached zip): keep it
  }
}

// ---------------------------------------------------------------- per-run directory

/** Hard-links a tree (copying across filesystems): cheap, and readable by the service user even
 *  when the cache sits under root's 0700 home. */
function linkTree(source, target, skip) {
  fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) linkTree(from, to, new Set());
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else linkOrCopy(from, to);
  }
}

function linkOrCopy(from, to) {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

function chownTree(target, owner) {
  fs.lchownSync(target, owner.uid, owner.gid);
  if (!fs.lstatSync(target).isDirectory()) return;
  for (const name of fs.readdirSync(target)) chownTree(path.join(target, name), owner);
}

/** data/, logs/, tmp/ and a private copy of config/ (ES writes its keystore there), owned by ES's user. */
function createRunDir(cachedHome, owner) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  fs.chmodSync(runDir, 0o755);
  const dirs = {
    runDir,
    home: owner ? path.join(runDir, 'home') : cachedHome,
    config: path.join(runDir, 'config'),
    data: path.join(runDir, 'data'),
    logs: path.join(runDir, 'logs'),
    tmp: path.join(runDir, 'tmp'),
  };
  if (owner) linkTree(cachedHome, dirs.home, new Set(['config', 'logs']));
  fs.cpSync(path.join(cachedHome, 'config'), dirs.config, { recursive: true });
  for (const dir of [dirs.data, dirs.logs, dirs.tmp]) fs.mkdirSync(dir);
  if (owner) for (const dir of [dirs.config, dirs.data, dirs.logs, dirs.tmp]) chownTree(dir, owner);
  return dirs;
}

function writeRunInfo(runDir, info) {
  fs.writeFileSync(path.join(runDir, RUN_INFO_FILE), JSON.stringify(info, null, 2));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Cleans up after runs that died without stop(): removes their dirs and, when the Node process that
 * owned a node is gone (e.g. jest was SIGKILLed), kills that orphaned node too. CLI-started nodes
 * have no owner: they are meant to outlive the CLI.
 */
async function removeStaleRuns() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    try {
      await removeIfStale(path.join(os.tmpdir(), name));
    } catch (error) {
      // Best effort: a concurrent run may be removing it, or it may belong to another user.
      log(`could not clean ${name}: ${error.message}`);
    }
  }
}

async function removeIfStale(runDir) {
  const info = readJson(path.join(runDir, RUN_INFO_FILE));
  if (!info) {
    if (Date.now() - fs.statSync(runDir).mtimeMs > ORPHAN_RUN_DIR_AGE_MS)
      fs.rmSync(runDir, { recursive: true, force: true });
    return;
  }
  const orphaned = info.ownerPid !== undefined && !isProcessAlive(info.ownerPid);
  if (orphaned && isGroupAlive(info.pid)) {
    log(`stopping orphaned Elasticsearch pid ${info.pid} (its owner ${info.ownerPid} is gone)`);
    await stopProcessGroup(info.pid);
  }
  if (!isGroupAlive(info.pid)) fs.rmSync(runDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- launch, health, stop

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function settingsArgs(port, dirs) {
  const settings = {
    'cluster.name': 'ctd-test',
    'network.host': '127.0.0.1',
    'http.port': String(port),
    'discovery.type': 'single-node',
    'path.data': dirs.data,
    'path.logs': dirs.logs,
    // Small CI disks would otherwise leave shards unassigned (status red) past the 85/90% watermarks.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
    'action.destructive_requires_name': 'false',
  };
  // Only set the security switch when the module exists: unknown settings make ES refuse to start.
  if (fs.existsSync(path.join(dirs.home, 'modules', 'x-pack-security')))
    settings['xpack.security.enabled'] = 'false';
  return Object.entries(settings).flatMap(([key, value]) => ['-E', `${key}=${value}`]);
}

/** A clean environment: ES warns about (and ignores) JAVA_HOME, JAVA_OPTS and friends. */
function esEnvironment(dirs, javaHome, heap) {
  return {
    PATH: process.env.PATH || '/usr/bin:/bin',
    HOME: dirs.runDir,
    LANG: process.env.LANG || 'C.UTF-8',
    ES_JAVA_HOME: javaHome,
    ES_JAVA_OPTS: javaOptions(heap),
    ES_PATH_CONF: dirs.config,
    ES_TMPDIR: dirs.tmp,
  };
}

function launch(dirs, port, javaHome, owner, heap) {
  const consoleLog = path.join(dirs.logs, 'console.log');
  const out = fs.openSync(consoleLog, 'a');
  const child = childProcess.spawn(
    path.join(dirs.home, 'bin', 'elasticsearch'),
    settingsArgs(port, dirs),
    {
      // cwd: the JVM writes gc.log and crash files relative to it.
      cwd: dirs.logs,
      env: esEnvironment(dirs, javaHome, heap),
      // Own process group, so stop() can signal the launcher and the server JVM together.
      detached: true,
      stdio: ['ignore', out, out],
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    }
  );
  fs.closeSync(out);
  const exit = { code: undefined, error: undefined };
  child.on('exit', (code, signal) => (exit.code = code ?? signal));
  child.on('error', (error) => (exit.error = error));
  child.unref();
  return { child, exit, consoleLog };
}

async function clusterHealth(url) {
  try {
    const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
      signal: AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const body = await response.json();
    return body.status === 'red' ? undefined : body.status;
  } catch {
    return undefined;
  }
}

async function waitForHealth(url, exit, timeoutMs) {
  const started = Date.now();
  let lastProgress = started;
  while (Date.now() - started < timeoutMs) {
    if (exit.error) throw new Error(`could not launch Elasticsearch: ${exit.error.message}`);
    if (exit.code !== undefined)
      throw new Error(`Elasticsearch exited (${exit.code}) before becoming healthy`);
    if (await clusterHealth(url)) return;
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      log(`still waiting for ${url} (${seconds(started)}s)…`);
    }
    await sleep(HEALTH_POLL_MS);
  }
  throw new Error(`Elasticsearch was not healthy after ${timeoutMs / 1000}s`);
}

function tailFile(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function isGroupAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    // EPERM: the group exists but belongs to another user (possible when we are not root).
    return error.code === 'EPERM';
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM lets ES shut down cleanly; SIGKILL after a grace period so a stop never hangs. */
async function stopProcessGroup(pid) {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isGroupAlive(pid) && Date.now() < deadline) await sleep(200);
  if (!isGroupAlive(pid)) return;
  signalGroup(pid, 'SIGKILL');
  // Bounded: without a reaping init, killed processes linger as zombies that still answer kill(0).
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (isGroupAlive(pid) && Date.now() < killDeadline) await sleep(100);
}

const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The node runs in its own process group, so Ctrl-C or a dying test runner does not reach it:
 * kill it ourselves on exit and on terminating signals (then re-raise the signal so the default
 * behaviour still happens). Returns a function that removes these hooks.
 */
function killWhenThisProcessEnds(pid, runDir) {
  const kill = () => {
    signalGroup(pid, 'SIGKILL');
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    unguard();
    kill();
    process.kill(process.pid, signal);
  };
  const unguard = () => {
    process.removeListener('exit', kill);
    for (const signal of TERMINATING_SIGNALS) process.removeListener(signal, onSignal);
  };
  process.on('exit', kill);
  for (const signal of TERMINATING_SIGNALS) process.on(signal, onSignal);
  return unguard;
}

/**
 * Starts a fresh node and resolves once it is at least yellow.
 * options.version (default ES_VERSION or DEFAULT_ES_VERSION), options.healthTimeoutMs,
 * options.stopOnExit (default true: kill it if this Node process exits without calling stop()),
 * options.heap (default CTD_ES_HEAP or 512m).
 */
async function startElasticsearch(options = {}) {
  const started = Date.now();
  const heap = options.heap || process.env.CTD_ES_HEAP || DEFAULT_HEAP;
  if (!HEAP_SIZE.test(heap))
    throw new Error(`Elasticsearch heap must be a JVM size like 512m or 2g (got "${heap}")`);
  const version = options.version || process.env.ES_VERSION || DEFAULT_ES_VERSION;
  const javaHome = resolveJavaHome();
  const owner = ensureServiceUser();
  const cachedHome = ensureDistribution(version, javaHome);
  await removeStaleRuns();
  const dirs = createRunDir(cachedHome, owner);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  log(
    `starting Elasticsearch ${version}${owner ? ` as ${SERVICE_USER}` : ''} on ${url} (run dir ${dirs.runDir})…`
  );
  const { child, exit, consoleLog } = launch(dirs, port, javaHome, owner, heap);
  const pid = child.pid;
  const stopOnExit = options.stopOnExit !== false;
  writeRunInfo(dirs.runDir, {
    pid,
    url,
    version,
    ...(stopOnExit ? { ownerPid: process.pid } : {}),
  });
  const unguard = stopOnExit ? killWhenThisProcessEnds(pid, dirs.runDir) : () => {};
  const stop = async () => {
    unguard();
    if (pid) await stopProcessGroup(pid);
    fs.rmSync(dirs.runDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, exit, options.healthTimeoutMs || HEALTH_TIMEOUT_MS);
  } catch (error) {
    const tail = tailFile(consoleLog, LOG_TAIL_LINES);
    log(
      `FAILED: ${error.message}\n----- last ${LOG_TAIL_LINES} lines of ${consoleLog} -----\n${tail}\n-----`
    );
    await stop();
    throw error;
  }
  log(`healthy at ${url} in ${seconds(started)}s`);
  return { url, pid, dataDir: dirs.data, runDir: dirs.runDir, version, stop };
}

// ---------------------------------------------------------------- CLI

async function runningFromState() {
  const state = readJson(stateFilePath());
  if (!state || !isGroupAlive(state.pid)) return { state, healthy: false };
  return { state, healthy: Boolean(await clusterHealth(state.url)) };
}

async function cliStart() {
  const { state, healthy } = await runningFromState();
  if (healthy) {
    log(`already running (pid ${state.pid})`);
    process.stdout.write(`${state.url}\n`);
    return 0;
  }
  if (state) await cliStop();
  const es = await startElasticsearch({ stopOnExit: false });
  fs.mkdirSync(cacheRoot(), { recursive: true });
  fs.writeFileSync(
    stateFilePath(),
    JSON.stringify(
      { url: es.url, pid: es.pid, dataDir: es.dataDir, runDir: es.runDir, version: es.version },
      null,
      2
    )
  );
  process.stdout.write(`${es.url}\n`);
  return 0;
}

async function cliStop() {
  const state = readJson(stateFilePath());
  if (!state) {
    log('not running (no state file)');
    return 0;
  }
  log(`stopping pid ${state.pid}…`);
  await stopProcessGroup(state.pid);
  if (state.runDir && path.basename(state.runDir).startsWith(RUN_DIR_PREFIX))
    fs.rmSync(state.runDir, { recursive: true, force: true });
  fs.rmSync(stateFilePath(), { force: true });
  log('stopped');
  return 0;
}

async function cliStatus() {
  const { state, healthy } = await runningFromState();
  if (!state) {
    process.stdout.write('not running\n');
    return 1;
  }
  const alive = isGroupAlive(state.pid);
  process.stdout.write(
    `${healthy ? 'running' : alive ? 'unhealthy' : 'dead'}: ${state.url} pid ${state.pid} version ${state.version} data ${state.dataDir}\n`
  );
  return healthy ? 0 : 1;
}

const COMMANDS = { start: cliStart, stop: cliStop, status: cliStatus };

if (require.main === module) {
  const command = COMMANDS[process.argv[2]];
  if (!command) {
    process.stderr.write('usage: provision_elasticsearch.js start|stop|status\n');
    process.exit(2);
  }
  command().then(
    (code) => process.exit(code),
    (error) => {
      log(`error: ${error.message}`);
      process.exit(1);
    }
  );
}

module.exports = { startElasticsearch, DEFAULT_ES_VERSION, cacheRoot };
