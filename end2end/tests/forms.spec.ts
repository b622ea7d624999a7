import { test, expect, Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, waitForHydration } from './helpers';

// The form kit (issue #4) on the organisation profile: every field type, errors at the top and
// next to each field with and without JavaScript, live checks once hydrated, uploads. An extranet
// group's form asks every field; a civil-society organisation's keeps its identity (the rest is in
// its partner profile's sections).
const ADMIN = 'reseau.admin@passerelle.example';
const PASSWORD = 'passerelle-demo';
const HQ = 'Réseau régional multi-acteurs Grand Est';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082',
  'hex',
);

async function openHq(page: Page) {
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: HQ }).click();
  await expect(page.locator('#profile')).toBeVisible();
}

test.describe('forms without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a profile posted with mistakes shows them at the top and next to each field, keeping what was typed', async ({ page }) => {
    await page.goto('/login');
    await page.locator('#signin-login').fill(ADMIN);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByTestId('signed-in-name')).toBeVisible();
    await openHq(page);
    await page.locator('#profile-year_established').fill('1700');
    await page.locator('#profile-website').fill('javascript:alert(1)');
    await page.locator('#profile-mandate').fill('Un mandat tapé sans JavaScript');
    await page.locator('#profile-sectors-health').check();
    await page.locator('#profile-youth_led-yes').check();
    await page.locator('#profile button[type=submit]').click();

    const summary = page.locator('.error-summary[data-form=profile]');
    await expect(summary).toContainText('Année de création : ce nombre est hors des limites permises.');
    await expect(summary).toContainText('Site web : saisissez une adresse web');
    await expect(page.locator('.error-summary')).toHaveCount(1);
    await expect(page.locator('#profile-year_established-error')).toHaveText('Ce nombre est hors des limites permises.');
    await expect(page.locator('#profile-website-error')).toContainText('Saisissez une adresse web');
    await expect(page.locator('#profile-year_established')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#profile-year_established')).toHaveValue('1700');
    await expect(page.locator('#profile-mandate')).toHaveValue('Un mandat tapé sans JavaScript');
    await expect(page.locator('#profile-sectors-health')).toBeChecked();
    await expect(page.locator('#profile-youth_led-yes')).toBeChecked();
    await summary.getByRole('link', { name: 'Année de création : ce nombre est hors des limites permises.' }).click();
    await expect(page).toHaveURL(/#profile-year_established$/);
  });
});

test('a civil-society organisation’s form keeps its identity and sends the rest to the partner profile', async ({ page }) => {
  await signIn(page, 'aie.admin@passerelle.example', PASSWORD);
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: 'Alliance internationale pour l’eau' }).click();
  await expect(page.locator('#profile-acronym')).toBeVisible();
  await expect(page.locator('#profile-year_established')).toHaveCount(0);
  await expect(page.locator('#profile-address')).toHaveCount(0);
  const elsewhere = page.getByTestId('profile-elsewhere');
  await expect(elsewhere).toContainText('sections du profil partenaire');
  await elsewhere.getByRole('link').click();
  await expect(page).toHaveURL(/\/partners\/\d+$/);
});

test.describe('forms with JavaScript', () => {
  test('a mistake shows as one leaves the field, goes when corrected, and a submit with mistakes waits', async ({ page }) => {
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('update_profile')) posts.push(r.url());
    });
    await signIn(page, ADMIN, PASSWORD);
    await openHq(page);
    await waitForHydration(page);
    const year = page.locator('#profile-year_established');
    await year.fill('19x8');
    await year.press('Tab');
    await expect(page.locator('#profile-year_established-error')).toHaveText('Saisissez un nombre entier, en chiffres.');
    await expect(year).toHaveAttribute('aria-invalid', 'true');
    await year.fill('1998');
    await expect(page.locator('#profile-year_established-error')).toHaveCount(0);

    await page.locator('#profile-annual_budget').fill('beaucoup');
    await page.locator('#profile button[type=submit]').click();
    const summary = page.locator('.error-summary[data-form=profile]');
    await expect(summary).toContainText('Budget annuel : saisissez un montant');
    await expect(summary).toBeFocused();
    await expect(page.locator('#profile-annual_budget-error')).toContainText('Saisissez un montant');
    expect(posts).toEqual([]);

    await page.locator('#profile-annual_budget').fill('12 500,50');
    await expect(page.locator('.error-summary[data-form=profile]')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('an oversized or disguised upload is refused with a clear message; a real photo is kept', async ({ page }) => {
    await signIn(page, ADMIN, PASSWORD);
    await openHq(page);
    await waitForHydration(page);
    const logo = page.locator('#files-logo');
    // Too large: refused at once, before anything is sent.
    await logo.setInputFiles({ name: 'grande.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    await expect(page.locator('#files-logo-error')).toHaveText('La photo dépasse 5 Mo : choisissez un fichier plus petit.');
    // A PDF named logo.png: the browser cannot tell; the server reads the content.
    await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await expect(page.locator('#files-logo-error')).toHaveCount(0);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect(page).toHaveURL(/errors=logo:photo_wrong_type/);
    await expect(page.locator('.error-summary[data-form=files]')).toContainText('Logo : ce fichier n’est pas une image JPEG ou PNG.');
    await expect(page.locator('#files-logo-error')).toHaveText('Ce fichier n’est pas une image JPEG ou PNG.');
    // A real PNG is kept and shown.
    await waitForHydration(page);
    await page.locator('#files-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect(page).toHaveURL(/saved=files/);
    await expect(page.getByTestId('files')).toContainText('logo.png');
    await expect(page.locator('img.org-logo')).toHaveCount(1);
  });
});
