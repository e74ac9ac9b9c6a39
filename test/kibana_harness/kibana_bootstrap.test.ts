/**
 * The plugin's browser bundle, loaded in Chromium as Kibana loads it: the archive built for a
 * Kibana release and installed as `bin/kibana-plugin install` would, its own `target/public`
 * served at Kibana's bundle URL under a server base path, a page that plays Kibana's bootstrap
 * (`__kbnPublicPath__`, `__kbnBundles__`, shared deps → core → plugin script tags, the plugin read
 * through the plugin reader, setup then start), a core double whose http client sends Kibana's
 * headers to the strict test host over the real Elasticsearch, and Kibana's CSP.
 *
 * For each supported line (9.2 with the pinned libraries; 8.19 with the react-17 / eui-104
 * stand-ins): the app's pages (rules → rule details → alerts → investigation → triage) and Stack
 * Management's rule form rendering the plugin's rule type model.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Client } from '@elastic/elasticsearch';
import * as F from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithBrowser, UI_TIMEOUT_MS, waitUntil } from '../e2e/browser_env';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { RuleParamsInvalidError } from '../kibana_host/rule_params_invalid_error';
import { ADMIN } from '../kibana_host/kibana_test_host';
import { MANAGEMENT_APP_ID, ruleCreatePath } from './browser/harness_routes';
import type { HarnessInspection } from './browser/kibana_core';
import { startHostWithAlerts, type HostWithAlerts } from './host_with_alerts';
import { HARNESS_BASE_PATH, startKibanaHarness, type KibanaHarness } from './kibana_harness';
import { KIBANA_9_2, kibana819, REPO_ROOT, type KibanaLine } from './kibana_lines';

const RUN_ID = Date.now().toString(36);
const NAMESPACE = `kbnharness${RUN_ID}`;
const SAMPLE = { totalEvents: 3_000, seed: 5 } as const;
const SETUP_TIMEOUT_MS = 150_000;
const APP_ID = 'containerThreatDetection';
/** Set to a folder (e.g. docs/screenshots) to save a screenshot of the plugin inside the harness. */
const SCREENSHOT_DIR = process.env.CTD_SCREENSHOTS;

interface PageProblems {
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
}

const watchPage = (page: Page): PageProblems => {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], failedRequests: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`
    )
  );
  return problems;
};

const expectNoProblems = (problems: PageProblems): void => {
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
};

const sharedDepsNamesIn = (dir: string): Set<string> => {
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    for (const match of fs
      .readFileSync(path.join(dir, file), 'utf8')
      .matchAll(/__kbnSharedDeps__\.([A-Za-z_$][\w$]*)/g))
      names.add(match[1] ?? '');
  }
  return names;
};

const inspect = (page: Page): Promise<HarnessInspection> =>
  page.evaluate(() => {
    const harness = (window as unknown as { __kbnHarness__: HarnessInspection }).__kbnHarness__;
    return {
      registeredApps: [...harness.registeredApps],
      registeredRuleTypes: [...harness.registeredRuleTypes],
      appLeaveHandlers: [...harness.appLeaveHandlers],
      ruleFormParams: harness.ruleFormParams,
    };
  });

/** Adds a value to an EuiComboBox that takes free text (the rule form's list inputs). */
const addComboValue = async (page: Page, testSubj: string, value: string): Promise<void> => {
  const input = page.locator(`[data-test-subj="${testSubj}"] input`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
};

describeWithBrowser(
  'the plugin bundle in a Kibana page (Chromium, Kibana bootstrap, strict test host)',
  (executablePath) => {
    describeWithElasticsearch('over the real Elasticsearch', () => {
      let client: Client;
      let fixture: HostWithAlerts;
      let browser: Browser;

      beforeAll(async () => {
        client = createEsClient({ url: esTestUrl() });
        fixture = await startHostWithAlerts(client, NAMESPACE, SAMPLE);
        browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
      }, SETUP_TIMEOUT_MS);

      afterAll(async () => {
        await browser?.close();
        await client?.indices.delete({
          index: `*${NAMESPACE}*`,
          ignore_unavailable: true,
          allow_no_indices: true,
          expand_wildcards: 'all',
        });
        await client?.close();
      });

      const kibanaPageSuite = (line: KibanaLine, screenshotName: string): void => {
        let workDir: string;
        let harness: KibanaHarness;
        let page: Page;
        let problems: PageProblems;
        let closedAlertId = '';
        const appUrl = (appPath: string) =>
          `${harness.server.origin}${harness.server.urls.app(appPath)}`;

        beforeAll(async () => {
          workDir = fs.mkdtempSync(path.join(os.tmpdir(), `ctd-kibana-harness-${line.line}-`));
          harness = await startKibanaHarness({ line, host: fixture.host, workDir });
          page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
          page.setDefaultTimeout(UI_TIMEOUT_MS);
          problems = watchPage(page);
        }, SETUP_TIMEOUT_MS);

        afterAll(async () => {
          await page?.close();
          await harness?.close();
          if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
        });

        it("serves the installed archive's own bundle, which reads only shared deps the page defines", () => {
          expect(harness.plugin).toMatchObject({
            id: APP_ID,
            version: '0.1.0',
            optionalPlugins: expect.arrayContaining(['triggersActionsUi']) as unknown,
          });
          expect(harness.plugin.publicDir.startsWith(workDir)).toBe(true);
          expect(fs.readdirSync(harness.plugin.publicDir)).toEqual(
            expect.arrayContaining([`${APP_ID}.plugin.js`, `${APP_ID}.chunk.0.js`])
          );
          const read = sharedDepsNamesIn(harness.plugin.publicDir);
          const defined = new Set(harness.sharedDeps.included.map((global) => global.name));
          expect([...read].filter((name) => !defined.has(name))).toEqual([]);
          const leftOut = harness.sharedDeps.leftOut.map((global) => global.name);
          expect(leftOut.filter((name) => read.has(name))).toEqual([]);
          expect(leftOut).toEqual(
            expect.arrayContaining(['KbnI18n', 'Jquery', 'MonacoBarePluginApi'])
          );
          expect([...read].sort()).toEqual(
            expect.arrayContaining(['ElasticCharts', 'ElasticEui', 'React', 'ReactDom'])
          );
        });

        it('boots like Kibana: public path, script order, plugin read and set up, app and rule type model registered', async () => {
          await page.goto(appUrl(APP_ID));
          const { urls } = harness.server;
          const plugin = { id: APP_ID, version: harness.plugin.version };
          await page
            .locator(`[data-test-subj="ctdRuleRow-${PREBUILT_RULES[0]?.rule_id ?? ''}"]`)
            .waitFor();
          // bootstrap.js (end of body) inserted shared deps, core and the plugin before <meta name="add-scripts-here">;
          // the plugin's chunk loader fetched its chunk from the public path when the app mounted (and removed the tag).
          const scripts = await page.evaluate(() =>
            Array.from(document.querySelectorAll('script[src]')).map((script) =>
              script.getAttribute('src')
            )
          );
          expect(scripts).toEqual([
            urls.sharedDepsScript,
            urls.coreScript,
            urls.pluginBundle(plugin),
            urls.bootstrapScript,
          ]);
          const loadedScripts = await page.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((entry) => new URL(entry.name).pathname)
              .filter((pathname) => pathname.endsWith('.js'))
          );
          // bootstrap.js adds shared deps, core and the plugin bundles at once: they are fetched
          // together and run in order (the DOM order above), so the order the resource timeline
          // lists their fetches in is a race. The lazy chunk comes only once the plugin ran.
          expect(loadedScripts).toHaveLength(5);
          expect(loadedScripts[0]).toBe(urls.bootstrapScript);
          expect(new Set(loadedScripts.slice(1, 4))).toEqual(
            new Set([urls.sharedDepsScript, urls.coreScript, urls.pluginBundle(plugin)])
          );
          expect(loadedScripts[4]).toBe(`${urls.pluginPublicPath(plugin)}${APP_ID}.chunk.0.js`);
          expect(urls.pluginPublicPath(plugin)).toBe(
            `${HARNESS_BASE_PATH}/${line.buildShaShort}/bundles/plugin/${APP_ID}/0.1.0/`
          );
          expect(
            await page.evaluate(
              (id) =>
                (window as unknown as { __kbnPublicPath__: Record<string, string> })
                  .__kbnPublicPath__[id],
              APP_ID
            )
          ).toBe(urls.pluginPublicPath(plugin));
          expect(
            await page.evaluate(() =>
              (
                window as unknown as { __kbnBundles__: { has(key: string): boolean } }
              ).__kbnBundles__.has('plugin/containerThreatDetection/public')
            )
          ).toBe(true);
          // The line's React (8.19: the react-17 stand-in) is the one the page shares.
          const reactPackage = line.packageAliases.react ?? 'react';
          const expectedReact = (
            JSON.parse(
              fs.readFileSync(
                path.join(REPO_ROOT, 'node_modules', reactPackage, 'package.json'),
                'utf8'
              )
            ) as { version: string }
          ).version;
          expect(
            await page.evaluate(
              () =>
                (window as unknown as { __kbnSharedDeps__: { React: { version: string } } })
                  .__kbnSharedDeps__.React.version
            )
          ).toBe(expectedReact);
          const inspection = await inspect(page);
          expect(inspection.registeredApps).toEqual([MANAGEMENT_APP_ID, APP_ID]);
          expect(inspection.registeredRuleTypes).toEqual([NEW_TERMS_RULE_TYPE_ID]);
          // Core's root EuiProvider brings EUI's global styles; the charts theme is the page's stylesheet.
          expect(
            await page.evaluate(
              () => document.querySelectorAll('style[data-emotion^="eui-global"]').length
            )
          ).toBeGreaterThan(0);
          const chartsRules = await page.evaluate(() =>
            Array.from(document.styleSheets)
              .filter((sheet) => sheet.href?.endsWith('/ui/charts/theme_only_light.css'))
              .map((sheet) => sheet.cssRules.length)
          );
          expect(chartsRules).toHaveLength(1);
          expect(chartsRules[0]).toBeGreaterThan(0);
          expectNoProblems(problems);
        });

        it('shows both prebuilt rules, installed and enabled', async () => {
          for (const rule of PREBUILT_RULES) {
            const row = page.locator(`[data-test-subj="ctdRuleRow-${rule.rule_id}"]`);
            await row.waitFor();
            const text = (await row.innerText()).toLowerCase();
            expect(text).toContain(rule.name.toLowerCase());
            expect(text).toContain(rule.severity.toLowerCase());
          }
          expectNoProblems(problems);
        });

        it("opens a rule's details inside the app route", async () => {
          const [rule] = PREBUILT_RULES;
          if (rule === undefined) throw new Error('empty catalog');
          await page.click(`[data-test-subj="ctdRuleLink-${rule.rule_id}"]`);
          await page.waitForURL(`**${HARNESS_BASE_PATH}/app/${APP_ID}/rules/${rule.rule_id}`);
          await page.getByText('T1059.004').first().waitFor();
          await page.getByText('Investigation guide', { exact: false }).first().waitFor();
          expectNoProblems(problems);
        });

        it('lists the alerts and opens one for investigation', async () => {
          await page.click('[data-test-subj="ctdTabAlerts"]');
          await page.waitForURL(`**${HARNESS_BASE_PATH}/app/${APP_ID}/alerts**`);
          // Through chrome.docTitle, which appends Kibana's own title.
          await page.waitForFunction(() => document.title.startsWith('Alerts - '));
          expect(await page.title()).toBe('Alerts - Container Threat Detection - Elastic');
          const firstInvestigate = page
            .locator(
              `[data-test-subj="alertsTable"] a[href*="${HARNESS_BASE_PATH}/app/${APP_ID}/alerts/"]`
            )
            .first();
          await firstInvestigate.waitFor();
          if (SCREENSHOT_DIR !== undefined) {
            fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
            await page.screenshot({
              path: path.join(SCREENSHOT_DIR, `${screenshotName}.png`),
              fullPage: true,
            });
          }
          await firstInvestigate.click();
          await page.waitForURL(new RegExp(`${HARNESS_BASE_PATH}/app/${APP_ID}/alerts/[^/?]+$`));
          await page.getByText('Why it fired', { exact: false }).first().waitFor();
          await page.getByText('first seen', { exact: false }).first().waitFor();
          closedAlertId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
          expectNoProblems(problems);
        });

        it("closes the alert with a reason; the host's API has it closed by the logged-in user", async () => {
          await page.click('[data-test-subj="triageClose"]');
          const modal = page.locator('[data-test-subj="closeAlertsModal"]');
          await modal.waitFor();
          await modal
            .locator('[data-test-subj="closingReasonSelect"]')
            .selectOption('false_positive');
          // After the status change the page loads the alert again; wait for it, so later navigation aborts nothing.
          const reloaded = page.waitForResponse(
            (response) =>
              response.request().method() === 'GET' &&
              new URL(response.url()).pathname ===
                `${HARNESS_BASE_PATH}${API_BASE_PATH}/alerts/${encodeURIComponent(closedAlertId)}`
          );
          await modal.locator('[data-test-subj="confirmModalConfirmButton"]').click();
          await modal.waitFor({ state: 'detached' });
          await (await reloaded).finished();
          const alertOf = async () =>
            (
              (
                await fixture.host.request({
                  method: 'GET',
                  path: `${API_BASE_PATH}/alerts/${encodeURIComponent(closedAlertId)}`,
                })
              ).body as { alert: Record<string, unknown> }
            ).alert;
          const alert = await waitUntil(
            alertOf,
            (candidate) => candidate[F.ALERT_WORKFLOW_STATUS] === 'closed'
          );
          expect(alert).toMatchObject({
            [F.ALERT_UUID]: closedAlertId,
            [F.ALERT_WORKFLOW_STATUS]: 'closed',
            [F.ALERT_WORKFLOW_REASON]: 'false_positive',
            [F.ALERT_WORKFLOW_USER]: ADMIN.username,
          });
          expectNoProblems(problems);
        });

        it("sent every API request through core's http: base path, Kibana's headers, all answered", () => {
          const { apiRequests, unexpectedRequests } = harness.server;
          const calls = apiRequests.map(
            (request) => `${request.method} ${request.url.split('?')[0] ?? ''}`
          );
          expect(calls).toEqual(
            expect.arrayContaining([
              `GET ${HARNESS_BASE_PATH}${API_BASE_PATH}/rules`,
              `GET ${HARNESS_BASE_PATH}${API_BASE_PATH}/alerts`,
              `GET ${HARNESS_BASE_PATH}${API_BASE_PATH}/alerts/${encodeURIComponent(closedAlertId)}`,
              `POST ${HARNESS_BASE_PATH}${API_BASE_PATH}/alerts/_status`,
            ])
          );
          for (const request of apiRequests) {
            expect(request.url.startsWith(`${HARNESS_BASE_PATH}/api/`)).toBe(true);
            expect(request.headers).toMatchObject({
              'kbn-version': line.kibanaVersion,
              'kbn-build-number': String(line.buildNumber),
              'x-elastic-internal-origin': 'Kibana',
              'content-type': 'application/json',
            });
            expect(request.status).toBe(200);
          }
          expect(unexpectedRequests).toEqual([]);
          expect(harness.handlerErrors).toEqual([]);
        });

        it("hands the app Kibana's http error for a non-2xx answer (an unknown alert is a 404 the page reports)", async () => {
          await page.goto(appUrl(`${APP_ID}/alerts/no-such-alert`));
          await page.getByText('Alert not found').first().waitFor();
          const last = harness.server.apiRequests[harness.server.apiRequests.length - 1];
          expect(last).toMatchObject({
            method: 'GET',
            url: `${HARNESS_BASE_PATH}${API_BASE_PATH}/alerts/no-such-alert`,
            status: 404,
          });
          // Chromium logs every 4xx answer to the console; nothing else may be there.
          expect(problems.consoleErrors).toEqual([
            expect.stringContaining('the server responded with a status of 404'),
          ]);
          problems.consoleErrors.length = 0;
          expectNoProblems(problems);
        });

        it("Stack Management's rule form renders the rule type model and saves a prebuilt rule through the rules client", async () => {
          const [, rule] = PREBUILT_RULES;
          if (rule === undefined) throw new Error('the catalog has fewer than two rules');
          await page.goto(appUrl(`${MANAGEMENT_APP_ID}${ruleCreatePath(NEW_TERMS_RULE_TYPE_ID)}`));
          const select = page.locator('[data-test-subj="ctdPrebuiltRuleSelect"]');
          await select.locator(`option[value="${rule.rule_id}"]`).waitFor({ state: 'attached' });
          const name = `Harness ${line.line} ${RUN_ID}`;
          await page.fill('[data-test-subj="ruleDetailsNameInput"]', name);
          await select.selectOption(rule.rule_id);
          await page.click('[data-test-subj="rulePageFooterSaveButton"]');
          const id = await page.locator('[data-test-subj="ruleFormSavedId"]').innerText();
          const saved = await fixture.host.alerting.rulesClient.get({ id });
          expect(saved).toMatchObject({
            name,
            alertTypeId: NEW_TERMS_RULE_TYPE_ID,
            consumer: 'alerts',
            enabled: true,
            params: { rule_id: rule.rule_id },
          });
          expect(Object.keys(saved.params)).toEqual(['rule_id']);
          expectNoProblems(problems);
        });

        it('refuses to save an invalid custom definition, showing the message the server gives for the same params', async () => {
          await page.reload();
          await page.locator('[data-test-subj="ctdPrebuiltRuleSelect"]').waitFor();
          await page
            .locator('[data-test-subj="ctdDefinitionKind"]')
            .getByText('Custom new terms rule')
            .click();
          await page.fill('[data-test-subj="ruleDetailsNameInput"]', `Harness custom ${line.line}`);
          await page.fill('[data-test-subj="ctdCustomName"]', 'Shell in a container');
          await page.fill(
            '[data-test-subj="ctdCustomDescription"]',
            'A shell no history has seen.'
          );
          await addComboValue(page, 'ctdCustomIndex', fixture.eventsIndex);
          await page.fill('[data-test-subj="ctdCustomQuery"]', 'event.category:process');
          await addComboValue(page, 'ctdCustomNewTermsFields', 'process.name');
          // The history window must start before the look-back (`from`, now-6m by default).
          await page.fill('[data-test-subj="ctdCustomHistoryWindowStart"]', 'now-1m');
          await page.getByText(HISTORY_WINDOW_ERROR).first().waitFor();

          const params = (await inspect(page)).ruleFormParams ?? {};
          expect(params).toMatchObject({
            type: 'new_terms',
            history_window_start: 'now-1m',
            new_terms_fields: ['process.name'],
            index: [fixture.eventsIndex],
          });
          const serverMessage = await fixture.host.alerting.rulesClient
            .create({
              data: {
                name: 'x',
                alertTypeId: NEW_TERMS_RULE_TYPE_ID,
                consumer: 'alerts',
                enabled: false,
                tags: [],
                params: params as never,
                schedule: { interval: '5m' },
                actions: [],
              },
            })
            .then(
              () => 'accepted',
              (error: unknown) =>
                error instanceof RuleParamsInvalidError
                  ? error.message
                  : `unexpected: ${String(error)}`
            );
          expect(serverMessage).toBe(
            `params invalid: Invalid container threat detection rule params:\nhistory_window_start: ${HISTORY_WINDOW_ERROR}`
          );

          const before = harness.server.apiRequests.length;
          await page.click('[data-test-subj="rulePageFooterSaveButton"]');
          const refused = page.locator('[data-test-subj="ruleFormRefused"]');
          await refused.waitFor();
          expect((await refused.locator('li').allInnerTexts()).map((text) => text.trim())).toEqual([
            `history_window_start: ${HISTORY_WINDOW_ERROR}`,
          ]);
          expect(
            harness.server.apiRequests.slice(before).filter((request) => request.method === 'POST')
          ).toEqual([]);
          expectNoProblems(problems);
        });
      };

      describe(`Kibana ${KIBANA_9_2.kibanaVersion} (pinned UI libraries)`, () =>
        kibanaPageSuite(KIBANA_9_2, 'kibana_harness'));
      describe('Kibana 8.19.10 (react-17, eui-104 stand-ins)', () =>
        kibanaPageSuite(kibana819(), 'kibana_harness_8_19'));
    });
  }
);
