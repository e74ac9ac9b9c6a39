/**
 * The installer double refuses what `bin/kibana-plugin install` refuses, with Kibana's messages
 * (src/cli/plugin/install/{install,pack,zip,kibana}.ts). Our own built archive is installed through
 * it in test/kibana_build/kibana_archive.test.ts.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import yazl from 'yazl';
import { INSTALL_FAILURE_EXIT_CODE, installPlugin, PluginInstallError } from './plugin_installer';

const KIBANA = '9.2.0';
const MANIFEST = {
  id: 'myPlugin',
  version: '1.0.0',
  kibanaVersion: KIBANA,
  owner: { name: 'team' },
  server: true,
};

let work: string;
let kibanaRoot: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-installer-'));
  kibanaRoot = path.join(work, 'kibana');
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const writeZip = (name: string, entries: Record<string, string>): Promise<string> =>
  new Promise((resolve, reject) => {
    const zipPath = path.join(work, name);
    const zip = new yazl.ZipFile();
    for (const [entry, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), entry);
    zip.outputStream
      .pipe(fs.createWriteStream(zipPath))
      .on('close', () => resolve(zipPath))
      .on('error', reject);
    zip.end();
  });

const pluginZip = (manifest: unknown, name = 'plugin.zip') =>
  writeZip(name, {
    'kibana/myPlugin/kibana.json': JSON.stringify(manifest),
    'kibana/myPlugin/server/index.js': 'exports.plugin = () => ({ setup() {}, start() {} });',
  });

const refusal = async (zipPath: string, kibanaVersion = KIBANA): Promise<PluginInstallError> => {
  try {
    await installPlugin({ zipPath, kibanaRoot, kibanaVersion });
  } catch (error) {
    if (error instanceof PluginInstallError) return error;
    throw error;
  }
  throw new Error('expected the install to be refused');
};

const unsuccessful = (reason: string) =>
  `Plugin installation was unsuccessful due to error "${reason}"`;
const workingDir = () => path.join(kibanaRoot, 'plugins', '.plugin.installing');

describe('the kibana-plugin install double', () => {
  it('installs kibana/<dir>/ of the archive as plugins/<id>, leaving no working folder', async () => {
    const installed = await installPlugin({
      zipPath: await pluginZip(MANIFEST),
      kibanaRoot,
      kibanaVersion: KIBANA,
    });
    expect(installed.pluginDir).toBe(path.join(kibanaRoot, 'plugins', 'myPlugin'));
    expect(fs.readdirSync(installed.pluginDir).sort()).toEqual(['kibana.json', 'server']);
    expect(fs.existsSync(workingDir())).toBe(false);
    expect(installed.log).toEqual([
      'Retrieving metadata from plugin archive',
      'Extracting plugin archive',
      'Extraction complete',
      'Plugin installation complete',
    ]);
  });

  it('compares only x.y.z, so a -SNAPSHOT Kibana accepts a plugin built for its version', async () => {
    await expect(
      installPlugin({
        zipPath: await pluginZip(MANIFEST),
        kibanaRoot,
        kibanaVersion: '9.2.0-SNAPSHOT',
      })
    ).resolves.toMatchObject({ id: 'myPlugin' });
  });

  it('needs kibana/<dir>/kibana.json in the archive', async () => {
    const error = await refusal(
      await writeZip('flat.zip', {
        'kibana.json': JSON.stringify(MANIFEST),
        'myPlugin/kibana.json': '{}',
      })
    );
    expect(error.message).toBe(unsuccessful('No kibana plugins found in archive'));
    expect(error.exitCode).toBe(INSTALL_FAILURE_EXIT_CODE);
    expect(fs.existsSync(workingDir())).toBe(false);
  });

  it('needs a manifest it can read', async () => {
    const error = await refusal(
      await writeZip('broken.zip', { 'kibana/myPlugin/kibana.json': '{ not json' })
    );
    expect(error.message).toBe(unsuccessful('Error retrieving metadata from plugin archive'));
  });

  it('needs a camelCase id', async () => {
    const error = await refusal(await pluginZip({ ...MANIFEST, id: 'my-plugin' }));
    expect(error.message).toBe(
      unsuccessful(
        'Invalid plugin name [my-plugin] in kibana.json, expected it to be valid camelCase'
      )
    );
  });

  it('needs exactly the installing Kibana’s x.y.z (kibanaVersion, else version)', async () => {
    expect((await refusal(await pluginZip(MANIFEST, 'a.zip'), '9.1.0')).message).toBe(
      unsuccessful('Plugin myPlugin [9.2.0] is incompatible with Kibana [9.1.0]')
    );
    // Discovery would take "kibana" as any version; the installer compares it literally.
    expect(
      (await refusal(await pluginZip({ ...MANIFEST, kibanaVersion: 'kibana' }, 'b.zip'))).message
    ).toBe(unsuccessful('Plugin myPlugin [kibana] is incompatible with Kibana [9.2.0]'));
    expect(
      (await refusal(await pluginZip({ ...MANIFEST, kibanaVersion: undefined }, 'c.zip'))).message
    ).toBe(unsuccessful('Plugin myPlugin [1.0.0] is incompatible with Kibana [9.2.0]'));
    expect(
      (
        await refusal(
          await pluginZip({ ...MANIFEST, kibanaVersion: undefined, version: undefined }, 'd.zip')
        )
      ).message
    ).toBe(
      unsuccessful(
        'Plugin kibana.json is missing both a version property (required) and a kibanaVersion property (optional).'
      )
    );
  });

  it('refuses an already installed plugin, without the "unsuccessful" wrapper, leaving it untouched', async () => {
    const zipPath = await pluginZip(MANIFEST);
    await installPlugin({ zipPath, kibanaRoot, kibanaVersion: KIBANA });
    fs.writeFileSync(path.join(kibanaRoot, 'plugins', 'myPlugin', 'marker'), 'first install');
    const error = await refusal(zipPath);
    expect(error.message).toBe(
      'Plugin myPlugin already exists, please remove before installing a new version'
    );
    expect(error.exitCode).toBe(INSTALL_FAILURE_EXIT_CODE);
    expect(fs.readFileSync(path.join(kibanaRoot, 'plugins', 'myPlugin', 'marker'), 'utf8')).toBe(
      'first install'
    );
  });

  it('refuses to install X-Pack', async () => {
    const zipPath = await pluginZip(MANIFEST, 'x-pack.zip');
    expect((await refusal(zipPath)).message).toBe(
      unsuccessful(
        'Kibana now contains X-Pack by default, there is no longer any need to install it as it is already present.'
      )
    );
  });
});
