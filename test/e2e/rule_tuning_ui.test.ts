/**
 * Tuning a noisy rule in Chromium, against the real standalone server and store: a benign health
 * check keeps launching interactive tools in a container. From one of its alerts the analyst adds
 * a rule exception on the parent executable (prefilled from the alert), previews it on the stored
 * history, and closes every open alert it matches; a later run raises the new term of another
 * parent and nothing from the health check. The API is asked after each step.
 */
import type { Page } from 'playwright-core';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { EventFactory } from '../differential/new_terms_scenarios';
import { ingestObjects } from '../helpers/memory_store';
import { kibanaCreateMock } from '../helpers/rule_fixtures';
import { describeWithBrowser, waitUntil } from './browser_env';
import { screenshot } from './ui_pages';
import { callApi, statusByNewTerm } from './standalone_api';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

const RULE_ID = 'interactive-tools';
const HEALTH_CHECK = '/opt/monitor/bin/healthcheck';
const SHELL = '/bin/bash';
/** Far beyond the test: runs happen when the test asks for them. */
const NO_SCHEDULER_TICKS = 3_600_000;

describeWithBrowser('tuning a noisy rule in the standalone UI (Chromium)', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];
  const factory = new EventFactory('tuning');
  const exec = (at: number, name: string, parent: string) =>
    factory.interactive(at, name, {
      process: { parent: { executable: parent } },
      extra: { container: { id: 'c0ffee', image: { name: 'registry.local/shop:1.4' } } },
    });

  const api = <T>(route: string, body?: unknown): Promise<T> => callApi<T>(server, route, body);
  const runRule = () => api(`/rules/${RULE_ID}/_run`, {});
  const alertsByTerm = () => statusByNewTerm(server, RULE_ID);

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'tuning',
      server: { sampleData: false, schedulerTickMs: NO_SCHEDULER_TICKS },
    });
    ({ server, page, pageErrors } = session);
    const now = Date.now();
    await ingestObjects(server.store, [
      exec(now - 100_000, 'nc', HEALTH_CHECK),
      exec(now - 90_000, 'curl', HEALTH_CHECK),
      exec(now - 80_000, 'wget', HEALTH_CHECK),
      exec(now - 70_000, 'socat', SHELL),
    ]);
    await api('/rules', {
      rule: {
        ...kibanaCreateMock(),
        rule_id: RULE_ID,
        name: 'Interactive tools in containers',
        index: [factory.index],
        query: 'process.interactive : true',
        new_terms_fields: ['process.name'],
      },
      enable: true,
    });
    await runRule();
  }, 180_000);

  afterAll(() => session?.close());

  const alertRow = (term: string) =>
    page
      .locator('tr')
      .filter({ has: page.locator(subj('newTerms'), { hasText: new RegExp(`^${term}$`) }) });

  it('offers the exception from an alert row, prefilled with the new term and its context', async () => {
    expect(await alertsByTerm()).toEqual({
      nc: 'open',
      curl: 'open',
      wget: 'open',
      socat: 'open',
    });
    await page.goto(`${server.url}/app/alerts?rule_id=${RULE_ID}`);
    const row = alertRow('socat');
    await row.waitFor();
    // Beyond two actions EUI folds a row's actions into a menu.
    await row.getByRole('button', { name: /^All actions/ }).click();
    await page.click(subj('addRuleException'));
    const flyout = page.locator(subj('ctdAddException'));
    await flyout.locator(subj('ctdExceptionConditions')).waitFor();
    expect(await flyout.getByLabel('Use process.name').isChecked()).toBe(true);
    expect(await flyout.getByLabel('Value of process.name').inputValue()).toBe('socat');
    expect(await flyout.getByLabel('Use process.parent.executable').isChecked()).toBe(false);
    expect(await flyout.getByLabel('Value of process.parent.executable').inputValue()).toBe(SHELL);
    expect(await flyout.getByLabel('Value of container.image.name').inputValue()).toBe(
      'registry.local/shop:1.4'
    );
    await page.click(subj('ctdExceptionCancel'));
    await flyout.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('adds an exception on the parent from the investigation page, previewed, closing what it matches', async () => {
    await alertRow('nc').locator(subj('investigateAlert')).click();
    await page.waitForURL(/\/app\/alerts\/[^/?]+/);
    await page.locator(subj('ctdWhyExceptions')).getByText('None').waitFor();
    await page.click(subj('ctdAddRuleException'));
    const flyout = page.locator(subj('ctdAddException'));
    await flyout.locator(subj('ctdExceptionConditions')).waitFor();
    await flyout.getByLabel('Use process.name').uncheck();
    await flyout.getByLabel('Use process.parent.executable').check();
    await page.fill(subj('ctdExceptionName'), 'Health check tools');
    await page.fill(subj('ctdExceptionComment'), 'The monitor runs these every minute.');
    await page.click(subj('ctdExceptionCloseMatching'));

    await page.click(subj('ctdExceptionPreviewButton'));
    const preview = flyout.locator(subj('ctdHistoryPreview'));
    await preview.waitFor();
    const removed = await preview.locator(subj('ctdHistoryPreviewRemoved')).innerText();
    expect(removed).not.toContain('socat');
    await screenshot(page, 'add_rule_exception');

    await page.click(subj('ctdExceptionSubmit'));
    await flyout.waitFor({ state: 'detached' });
    await page.getByText('3 alerts closed').waitFor();
    await page.locator(subj('ctdWhyExceptedNow')).getByText('Health check tools').waitFor();
    expect(await alertsByTerm()).toEqual({
      nc: 'closed',
      curl: 'closed',
      wget: 'closed',
      socat: 'open',
    });
    const exceptions = await api<{
      lists: Array<{ list: { type: string }; items: Array<{ item: { entries: unknown[] } }> }>;
    }>(`/rules/${RULE_ID}/exceptions`);
    expect(exceptions.lists).toHaveLength(1);
    expect(exceptions.lists[0]?.list.type).toBe('rule_default');
    expect(exceptions.lists[0]?.items[0]?.item.entries).toEqual([
      {
        field: 'process.parent.executable',
        operator: 'included',
        type: 'match',
        value: HEALTH_CHECK,
      },
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('leaves the health check out of later runs while a new term of another parent alerts', async () => {
    const now = Date.now();
    await ingestObjects(server.store, [
      exec(now - 20_000, 'ncat', HEALTH_CHECK),
      exec(now - 10_000, 'telnet', SHELL),
    ]);
    await runRule();
    const after = await alertsByTerm();
    expect(after).toEqual({
      nc: 'closed',
      curl: 'closed',
      wget: 'closed',
      socat: 'open',
      telnet: 'open',
    });

    await page.goto(`${server.url}/app/rules/${RULE_ID}`);
    const section = page.locator(subj('ctdRuleExceptions'));
    await section.getByText('Health check tools').waitFor();
    const matches = await waitUntil(
      () => section.locator(subj('ctdRuleExceptionMatches')).innerText(),
      (text) => text.includes('3 alerts')
    );
    expect(matches).toContain('3 alerts');
    expect(pageErrors).toEqual([]);
  });
});
