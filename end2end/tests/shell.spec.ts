import { test, expect } from '@playwright/test';
import { waitForHydration, expectNoAxeViolations, signIn } from './helpers';

test.describe('the app shell', () => {
  test('hydrates: the language switch changes the page in place, without a reload', async ({ page, context }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/');
    await expect(page.locator('h1')).toHaveText('Vos démarches auprès des institutions, en un seul lieu');
    await waitForHydration(page);
    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as any).__stillHere = true));
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('h1')).toHaveText('Your business with institutions, in one place');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => (window as any).__stillHere)).toBe(true);
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    // The choice is remembered for the whole site, server render included.
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'i18n_pref_locale')?.value).toBe('en');
    await page.goto('/partners');
    await expect(page.locator('h1')).toHaveText('Partner portal');
    await waitForHydration(page);
    expect(errors, 'no error in the browser console (hydration mismatches panic there)').toEqual([]);
  });

  test('the menu button folds the navigation on a 360 px screen', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await waitForHydration(page);
    const nav = page.locator('#site-nav');
    await expect(nav).toBeHidden();
    const toggle = page.getByRole('button', { name: 'Menu' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await nav.getByRole('link', { name: 'Partenaires' }).click();
    await expect(page.locator('h1')).toHaveText('Portail des partenaires');
  });

  test('shows the figures from the database', async ({ page }) => {
    await page.goto('/');
    // The demo's 13 015, and those the browser tests before this one created.
    await expect(page.locator('[data-figure="organisations"]')).toHaveText(/^\d+$/);
    const organisations = Number(await page.locator('[data-figure="organisations"]').textContent());
    expect(organisations).toBeGreaterThanOrEqual(13015);
    expect(organisations).toBeLessThan(13100);
    await expect(page.locator('[data-figure="consultative"]')).toHaveText('13003');
  });

  test('an unknown address shows the friendly 404 page', async ({ page }) => {
    const response = await page.goto('/nowhere');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page introuvable');
    await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('pages render and the language switch posts a form', async ({ page }) => {
    await page.goto('/accreditation');
    await expect(page.locator('h1')).toHaveText('Accréditation auprès des Nations unies');
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page).toHaveURL(/\/accreditation$/);
    await expect(page.locator('h1')).toHaveText('Acreditación ante las Naciones Unidas');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  });
});

test.describe('accessibility', () => {
  // axe-core is injected as a script, which our CSP would rightly block: bypass it for this pass only.
  test.use({ bypassCSP: true });

  for (const lang of ['fr', 'en', 'es']) {
    test(`axe finds no violation on any page (${lang})`, async ({ page, context }) => {
      await context.addCookies([{ name: 'i18n_pref_locale', value: lang, domain: '127.0.0.1', path: '/' }]);
      for (const path of ['/', '/accreditation', '/partners', '/extranet', '/secretariat', '/login', '/nowhere',
        '/sign-up', '/sign-up/code?email=a%40example.org', '/sign-up/details', '/forgot',
        '/reset-password?token=x', '/extranet/register', '/accreditation/directory?q=eau']) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expectNoAxeViolations(page);
      }
    });
  }
});

test.describe('accessibility of the signed-in pages', () => {
  test.use({ bypassCSP: true });

  test('axe finds no violation on the account, organisation and staff pages', async ({ page }) => {
    await signIn(page, 'admin@passerelle.example', 'passerelle-demo');
    for (const path of ['/me', '/organisations', '/organisations?q=Alliance', '/organisations/1',
      '/secretariat/registrations', '/admin/staff', '/secretariat/designations', '/accreditation',
      '/accreditation/1/geneva']) {
      await page.goto(path);
      await waitForHydration(page);
      await expect(page.locator('h1')).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
});
