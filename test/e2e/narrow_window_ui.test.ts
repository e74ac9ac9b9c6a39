/**
 * The app in an 800 px wide window, in Chromium: no page scrolls sideways, and no short text (a
 * rule name, a definition label, a table cell) is squeezed to a letter or two per line, as the
 * rules and alerts tables' fixed-width columns and the two-column rule details did.
 */
import type { Page } from 'playwright-core';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { startUiSession, type UiSession } from './ui_session';
import { describeWithBrowser } from './browser_env';

const NARROW_WINDOW = { width: 800, height: 900 };
/** Text this short fits in a line or two of any sensible column; more means it was squeezed. */
const MAX_SHORT_TEXT_LINES = 3;

interface Squeezed {
  readonly text: string;
  readonly lines: number;
  /** The element's tag and classes, to find it. */
  readonly element: string;
}

/** How far the page scrolls sideways, and the short texts wrapped onto too many lines. */
const layoutProblems = (page: Page): Promise<{ overflow: number; squeezed: Squeezed[] }> =>
  page.evaluate((maxLines) => {
    const squeezed: Squeezed[] = [];
    const elements = Array.from(
      document.querySelectorAll<HTMLElement>('a, dt, dd, td .euiTableCellContent, h2')
    );
    // Text a reader sees: screen-reader-only text (an icon button's label) is clipped to 1 px.
    const visibleText = (element: HTMLElement): string => {
      let text = '';
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const box = node.parentElement?.getBoundingClientRect();
        if (box !== undefined && box.width > 1 && box.height > 1) text += node.textContent ?? '';
      }
      return text.trim();
    };
    for (const element of elements) {
      const text = visibleText(element);
      if (text.length < 4 || text.length > 40) continue;
      const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight);
      if (!Number.isFinite(lineHeight) || lineHeight <= 0) continue;
      const lines = Math.round(element.getBoundingClientRect().height / lineHeight);
      if (lines > maxLines)
        squeezed.push({ text, lines, element: `${element.tagName}.${element.className}` });
    }
    const root = document.documentElement;
    return { overflow: root.scrollWidth - root.clientWidth, squeezed };
  }, MAX_SHORT_TEXT_LINES);

describeWithBrowser('the app in an 800 px window, in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'narrow',
      server: { sampleEventCount: 3_000 },
      viewport: NARROW_WINDOW,
    });
    ({ server, page, pageErrors } = session);
  }, 180_000);

  afterAll(() => session?.close());

  const expectFits = async (): Promise<void> => {
    const { overflow, squeezed } = await layoutProblems(page);
    expect(squeezed).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  };

  it('fits the rules list', async () => {
    await page.goto(`${server.url}/app/`);
    await page.locator('[data-test-subj="ctdRulesTable"]').waitFor();
    await page.locator(`[data-test-subj^="ctdRuleLink-"]`).first().waitFor();
    await expectFits();
  });

  it("fits a rule's details", async () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    await page.goto(`${server.url}/app/rules/${rule.rule_id}`);
    await page.getByText('T1059.004').first().waitFor();
    await expectFits();
  });

  it('fits the alerts list and an investigation', async () => {
    await page.goto(`${server.url}/app/alerts`);
    const link = page.locator('[data-test-subj="alertsTable"] a[href*="/app/alerts/"]').first();
    await link.waitFor();
    await expectFits();
    await link.click();
    await page.getByText('Why it fired', { exact: false }).first().waitFor();
    await expectFits();
  });
});
