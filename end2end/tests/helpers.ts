import { Page, expect } from '@playwright/test';
import * as path from 'path';

/** Waits until the wasm bundle has hydrated the page (the app marks <html> when it has). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the current page and expects no violation. */
export async function expectNoAxeViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    // @ts-ignore injected above
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

export const repoRoot = path.resolve(__dirname, '..', '..');
