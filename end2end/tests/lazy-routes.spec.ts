import { test, expect, Page, Request } from '@playwright/test';
import { waitForHydration, signIn } from './helpers';

// Each module's code is a wasm file of its own (split_<module>_page_….wasm), fetched only when
// one of its pages is opened. Its main pages render without JavaScript and hydrate with it,
// once (no page drawn twice), whether opened directly or reached by a link.

type Who = 'anonymous' | 'ngo' | 'admin';
const logins: Record<Exclude<Who, 'anonymous'>, string> = {
  ngo: 'aie.admin@passerelle.example',
  admin: 'admin@passerelle.example',
};
const pages: { module: string; path: string; who: Who }[] = [
  { module: 'accounts', path: '/sign-up', who: 'anonymous' },
  { module: 'accounts', path: '/me', who: 'ngo' },
  { module: 'accreditation', path: '/accreditation/directory', who: 'anonymous' },
  { module: 'accreditation', path: '/accreditation', who: 'ngo' },
  { module: 'organisations', path: '/organisations', who: 'ngo' },
  { module: 'extranet', path: '/extranet/register', who: 'anonymous' },
  { module: 'staff', path: '/admin/staff', who: 'admin' },
  { module: 'mail', path: '/admin/outbox', who: 'admin' },
];

/** The module splits the page fetched (`accounts`, `staff`…). */
function watchSplits(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (r: Request) => {
    const m = r.url().match(/\/split_([a-z]+)_page_\d+\.wasm$/);
    if (m) fetched.push(m[1]);
  });
  return fetched;
}

test.describe('lazily loaded modules, with JavaScript', () => {
  test('the home and sign-in pages fetch no module; a link to a module fetches it', async ({ page }) => {
    const fetched = watchSplits(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/');
    await waitForHydration(page);
    await page.goto('/login');
    await waitForHydration(page);
    expect(fetched).toEqual([]);
    // A link followed in the browser (no reload): the accounts module comes then.
    await page.locator('main a[href="/sign-up"]').click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await expect(page.locator('#signup-email-email')).toHaveCount(1);
    expect(fetched).toEqual(['accounts']);
    expect(errors).toEqual([]);
  });

  for (const { module, path, who } of pages) {
    test(`${path} (${who}) hydrates once with the ${module} module`, async ({ page }) => {
      if (who !== 'anonymous') await signIn(page, logins[who], 'passerelle-demo');
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error' && /panicked|hydration/i.test(m.text())) errors.push(m.text()); });
      const fetched = watchSplits(page);
      await page.goto(path);
      await waitForHydration(page);
      expect(fetched).toContain(module);
      // One page, not the server's and the browser's one after the other.
      await expect(page.locator('main h1')).toHaveCount(1);
      expect(errors).toEqual([]);
    });
  }
});

test.describe('lazily loaded modules, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const { path } of pages.filter((p) => p.who === 'anonymous')) {
    test(`${path} renders whole from the server`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('main h1')).toHaveCount(1);
      await expect(page.locator('main h1')).not.toBeEmpty();
      await expect(page.locator('main form').first()).toBeVisible();
    });
  }
});
