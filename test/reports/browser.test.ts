// The HTML report in a real browser (Debian's chromium, headless): it renders, the console stays
// clean, nothing is fetched, and the key numbers — every fate count and the verdict — are visible.
// Set KVITTERING_SCREENSHOT=path.png to keep a full-page screenshot for a person to look at.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderers } from '../../reports/renderers.js';
import { fixtureReport } from './fixture.js';
import { hostileReport, hostileTitle } from './hostile.js';

const CHROMIUM = process.env.KVITTERING_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`[kvittering] browser check skipped: ${CHROMIUM} not found (apt-get install -y chromium, or set KVITTERING_CHROMIUM)`);

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

describe.skipIf(!available)('the HTML report in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kvittering-browser-'));
    // A fresh profile per run: no cache, no extensions, nothing carried over.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<Opened> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
    expect(requests).toEqual([url]);
    return { page, problems, requests };
  }

  it('renders with a clean console and shows every fate count and the verdict', async () => {
    const report = fixtureReport();
    const { page, problems, requests } = await open('report.html', renderers.html(report, { lang: 'en' }));
    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.textContent()).toBe('Verdict: FAIL');
    for (const [fate, count] of Object.entries(report.verdict.counts)) {
      const card = page.locator(`.card [data-count="${fate}"]`);
      expect(await card.isVisible(), fate).toBe(true);
      expect(await card.textContent(), fate).toBe(String(count));
    }
    expect(await page.locator('[data-count="total"]').textContent()).toBe(String(report.verdict.total));
    // Three charts, each laid out with a real size.
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box?.width).toBeGreaterThan(600);
      expect(box?.height).toBeGreaterThan(100);
    }
    expect(await page.locator('#trace').textContent()).toContain('portal PURGES');
    expect(await page.locator('#command').textContent()).toBe(report.reproducibility.command);
    const shot = process.env.KVITTERING_SCREENSHOT;
    if (shot !== undefined) await page.screenshot({ path: shot, fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('shows hostile scenario text as text: no script runs, no element is injected', async () => {
    const { page, problems } = await open('hostile.html', renderers.html(hostileReport(), { lang: 'nb' }));
    const shown = hostileTitle.split('\u0000').join('\uFFFD').split('\u001b').join('\uFFFD');
    expect(await page.locator('h1').textContent()).toBe(shown);
    expect(await page.title()).toBe(`${shown} — Rapport om leveringssikkerhet`);
    expect(await page.locator('script, img, [onload], [onerror]').count()).toBe(0);
    expect(await page.locator('#verdict').textContent()).toBe('Dom: IKKE BESTÅTT');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
