/**
 * Defects a new user met in the standalone app, each reproduced in Chromium against the real
 * server: a Rules address that answered "Page not found", a close dialog that recorded a reason
 * on Enter, URL filters ignored or a reversed range searched without a word, an app sent
 * uncompressed and downloaded again on every load, and a rule's alert count that disagreed with
 * the list its link opened.
 */
import type { Page } from 'playwright-core';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { startUiSession, type UiSession } from './ui_session';
import { describeWithBrowser } from './browser_env';

/** The most the first load of the app may transfer, compressed (HTML, scripts, styles). */
const FIRST_LOAD_BUDGET_BYTES = 500 * 1024;

interface LoadedResource {
  readonly name: string;
  readonly transferSize: number;
  readonly encodedBodySize: number;
}

/** What the page fetched from the network since it was loaded (navigation and resources). */
const loadedResources = (page: Page): Promise<LoadedResource[]> =>
  page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((entry) => {
      const timing = entry as PerformanceResourceTiming;
      return {
        name: timing.name,
        transferSize: timing.transferSize,
        encodedBodySize: timing.encodedBodySize,
      };
    })
  );

describeWithBrowser('defects a new user met, in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];
  let openedAlertId = '';

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'defects',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('shows the Rules page at /app/rules, the parent of every rule page', async () => {
    await page.goto(`${server.url}/app/rules`);
    await page.locator('[data-test-subj="ctdRulesTable"]').waitFor();
    expect(await page.getByText('Page not found').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('gives each page its own browser title', async () => {
    const titles: string[] = [];
    for (const path of ['/app/', '/app/alerts', '/app/nowhere']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForFunction(() => document.title.includes(' - '));
      titles.push(await page.title());
    }
    expect(titles).toEqual([
      'Rules - Container Threat Detection',
      'Alerts - Container Threat Detection',
      'Page not found - Container Threat Detection',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it("renders a rule's guides as prose: no break mid-sentence, one Setup title, no skipped heading level", async () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    await page.goto(`${server.url}/app/rules/${rule.rule_id}`);
    const note = page.locator('[data-test-subj="ctdRuleNote"]');
    await note.getByText('Possible investigation steps').waitFor();
    expect(await note.locator('p br, li br').count()).toBe(0);
    const levels = await page
      .locator('[data-test-subj="ctdRuleNote"], [data-test-subj="ctdRuleSetup"]')
      .evaluateAll((sections) =>
        sections.map((section) =>
          Array.from(section.querySelectorAll('h1, h2, h3, h4, h5, h6'), (heading) =>
            Number(heading.tagName.slice(1))
          )
        )
      );
    for (const headings of levels) {
      expect(headings[0]).toBe(3);
      for (let i = 1; i < headings.length; i++)
        expect((headings[i] ?? 0) - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    }
    const setupTitles = page
      .locator('[data-test-subj="ctdRuleSetup"]')
      .locator('h1, h2, h3, h4, h5, h6', { hasText: /^Setup$/ });
    expect(await setupTitles.count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('preselects no closing reason, and Enter alone closes nothing', async () => {
    await page.goto(`${server.url}/app/alerts`);
    const link = page.locator('[data-test-subj="alertsTable"] a[href*="/app/alerts/"]').first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    const alertId = decodeURIComponent(href.split('/').pop() ?? '');
    openedAlertId = alertId;
    await page.goto(`${server.url}${href}`);
    await page.click('[data-test-subj="triageClose"]');
    const modal = page.locator('[data-test-subj="closeAlertsModal"]');
    await modal.waitFor();
    const confirm = modal.locator('[data-test-subj="confirmModalConfirmButton"]');
    const select = modal.locator('[data-test-subj="closingReasonSelect"]');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await select.inputValue()).toBe('');
    expect(await select.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await modal.isVisible()).toBe(true);
    const alert = (await (
      await fetch(`${server.url}${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}`)
    ).json()) as { alert: Record<string, unknown> };
    expect(alert.alert['kibana.alert.workflow_status']).not.toBe('closed');
    await select.selectOption('duplicate');
    expect(await confirm.isDisabled()).toBe(false);
    await modal.locator('[data-test-subj="confirmModalCancelButton"]').click();
    await modal.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it("renders the investigation page's guide as prose too, headings below its section's", async () => {
    // Still on the investigation page the previous test opened.
    const guide = page.locator('[data-test-subj="ctdGuideMarkdown"]');
    await guide.getByText('Possible investigation steps').waitFor();
    expect(await guide.locator('p br, li br').count()).toBe(0);
    expect(await guide.locator('h1, h2, h3').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('says which clock the event time and the first-seen time are read by', async () => {
    await page.getByText('Event time (@timestamp)').waitFor();
    const clock = page.locator('[data-test-subj="ctdFirstSeenClock"]');
    expect(await clock.textContent()).toContain("By event.ingested, the rule's timestamp field");
    expect(pageErrors).toEqual([]);
  });

  it('reads the process ancestry as an ordered list of processes, not unfinished steps', async () => {
    const ancestry = page.locator('[data-test-subj="ctdProcessAncestry"]');
    await ancestry.locator('h4').first().waitFor();
    expect(await ancestry.getByText(/Step \d/).count()).toBe(0);
    const links = ancestry.locator('ol[aria-label^="Process ancestry"] > li');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.locator('h4').count()).toBe(await links.count());
    expect(pageErrors).toEqual([]);
  });

  it("filters the source event's fields by a value holding a colon", async () => {
    // Still on the investigation page the previous test opened.
    const alert = (await (
      await fetch(`${server.url}${API_BASE_PATH}/alerts/${encodeURIComponent(openedAlertId)}`)
    ).json()) as { alert: Record<string, unknown> };
    const eventTime = String(alert.alert['kibana.alert.original_time']);
    // Down to the minute, colon included: EUI's query syntax read "a:b" as a clause on field a.
    const typed = eventTime.slice(0, 16);
    expect(typed).toContain(':');
    const section = page.locator('[data-test-subj="ctdSourceEvent"]');
    await section.getByRole('searchbox').fill(typed);
    await section.locator('code', { hasText: /^@timestamp$/ }).waitFor();
    expect(await section.getByText('No fields match.').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('returns from an investigation to the alerts list it was opened from, filters kept', async () => {
    const listQuery = 'severity=medium&per_page=10';
    await page.goto(`${server.url}/app/alerts?${listQuery}`);
    const link = page.locator('[data-test-subj="alertsTable"] a[href*="/app/alerts/"]').first();
    await link.waitFor();
    await link.click();
    await page.getByText('Why it fired', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.locator('[data-test-subj="alertsTable"]').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/app/alerts');
    expect(url.searchParams.get('severity')).toBe('medium');
    expect(url.searchParams.get('per_page')).toBe('10');
    expect(pageErrors).toEqual([]);
  });

  it('refuses to search a time range that ends before it starts, and says so', async () => {
    const searches: string[] = [];
    // Alert searches (the field-name list for the search bar takes no range, so it may load).
    const recordSearch = (request: { url(): string }) => {
      const { pathname } = new URL(request.url());
      if (
        pathname.startsWith(`${API_BASE_PATH}/alerts`) &&
        pathname !== `${API_BASE_PATH}/alerts/_fields`
      )
        searches.push(request.url());
    };
    page.on('request', recordSearch);
    try {
      await page.goto(`${server.url}/app/alerts?from=now&to=now-1d`);
      const callout = page.locator('[data-test-subj="alertsInvalidRange"]');
      await callout.waitFor();
      expect(await callout.textContent()).toContain('starts (now) after it ends (now-1d)');
      expect(await page.locator('[data-test-subj="alertsTable"]').count()).toBe(0);
      expect(searches).toEqual([]);
    } finally {
      page.off('request', recordSearch);
    }
    expect(pageErrors).toEqual([]);
  });

  it('names the filter values from the address it could not apply', async () => {
    await page.goto(`${server.url}/app/alerts?status=bogus&severity=urgent`);
    const callout = page.locator('[data-test-subj="alertsUrlIgnored"]');
    await callout.waitFor();
    const text = (await callout.textContent()) ?? '';
    expect(text).toContain('status: "bogus" is not one of open, acknowledged, closed');
    expect(text).toContain('severity: "urgent" is not one of low, medium, high, critical');
    await page.locator('[data-test-subj="alertsTable"]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('loads the app compressed under 500 kB, and from the cache on reload', async () => {
    const context = await page.context().browser()?.newContext();
    if (context === undefined) throw new Error('no browser');
    try {
      const fresh = await context.newPage();
      await fresh.goto(`${server.url}/app/`);
      await fresh.locator('[data-test-subj="ctdRulesTable"]').waitFor();
      const first = await loadedResources(fresh);
      const transferred = first.reduce((sum, entry) => sum + entry.transferSize, 0);
      expect(transferred).toBeGreaterThan(0);
      expect(transferred).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);
      const appScript = first.find((entry) => entry.name.endsWith('/app/app.js'));
      expect(appScript?.encodedBodySize).toBeGreaterThan(0);
      await fresh.reload();
      await fresh.locator('[data-test-subj="ctdRulesTable"]').waitFor();
      const again = await loadedResources(fresh);
      const chunks = again.filter((entry) => entry.name.includes('/app/chunks/'));
      expect(chunks.length).toBeGreaterThan(0);
      // Hashed chunks come from the cache without a request; the rest are revalidated (304).
      for (const chunk of chunks) expect(chunk.transferSize).toBe(0);
      const reloaded = again.reduce((sum, entry) => sum + entry.transferSize, 0);
      expect(reloaded).toBeLessThan(transferred / 10);
    } finally {
      await context.close();
    }
  });

  it("counts a rule's alerts as the list its count opens shows them, and says what it counts", async () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    const alertsUrl = `${server.url}${API_BASE_PATH}/alerts?rule_id=${rule.rule_id}&per_page=1`;
    const before = (await (await fetch(alertsUrl)).json()) as {
      total: number;
      alerts: Array<Record<string, unknown>>;
    };
    const toClose = before.alerts[0]?.['kibana.alert.uuid'];
    if (typeof toClose !== 'string') throw new Error('the rule has no alert to close');
    const closed = await fetch(`${server.url}${API_BASE_PATH}/alerts/_status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true' },
      body: JSON.stringify({ ids: [toClose], status: 'closed', reason: 'duplicate' }),
    });
    expect(closed.status).toBe(200);

    await page.goto(`${server.url}/app/rules`);
    const count = page.locator(`[data-test-subj="ctdRuleAlerts-${rule.rule_id}"]`);
    await count.waitFor();
    const shown = Number(await count.textContent());
    expect(shown).toBeLessThan(before.total);
    expect(await count.getAttribute('aria-label')).toContain(`${before.total} alerts in all`);
    await page.getByRole('columnheader', { name: /Open alerts/ }).hover();
    await page.getByText('Closed alerts and older ones are not counted').waitFor();

    await count.press('Enter');
    const listed = page.locator('[data-test-subj="alertsCount"]');
    await listed.getByText(/ of /).waitFor();
    expect(await listed.textContent()).toMatch(new RegExp(` of ${shown} alerts?$`));
    expect(pageErrors).toEqual([]);
  });
});
