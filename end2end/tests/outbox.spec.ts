import { test, expect, Page } from '@playwright/test';
import { waitForHydration, expectNoAxeViolations } from './helpers';

async function signInAsAdmin(page: Page) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('Adresse électronique ou nom d’utilisateur').fill('admin@passerelle.example');
  await page.getByLabel('Mot de passe').fill('passerelle-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('signed-in-name')).toHaveText('admin');
}

test.describe('the outbox', () => {
  test.use({ bypassCSP: true });

  test('a platform administrator opens it from the header', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'Boîte d’envoi' }).click();
    await expect(page.locator('h1')).toHaveText('Boîte d’envoi');
    await expect(page.getByText('Aucun message pour le moment.').or(page.locator('table'))).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('anonymous visitors are asked to sign in', async ({ page }) => {
    await page.goto('/admin/outbox');
    await expect(page.getByText('Connectez-vous pour voir cette page.')).toBeVisible();
  });
});
