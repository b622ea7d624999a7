import { test, expect } from '@playwright/test';
import { waitForHydration, expectNoAxeViolations } from './helpers';

// The demo administrator loaded by `passerelle demo-data`.
const LOGIN = 'admin@passerelle.example';
const PASSWORD = 'passerelle-demo';

test.describe('signing in and out', () => {
  test('a wrong password shows the error at the top and next to the field', async ({ page }) => {
    await page.goto('/login');
    await waitForHydration(page);
    await page.getByLabel('Adresse électronique ou nom d’utilisateur').fill(LOGIN);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Mot de passe : identifiant ou mot de passe incorrect.');
    await expect(page.locator('#signin-password-error')).toHaveText('Identifiant ou mot de passe incorrect.');
    await expect(page.locator('#signin-password')).toHaveAttribute('aria-invalid', 'true');
  });

  test('the demo administrator signs in, sees their name, and signs out', async ({ page }) => {
    await page.goto('/login');
    await waitForHydration(page);
    await page.getByLabel('Adresse électronique ou nom d’utilisateur').fill(LOGIN);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('signed-in-name')).toHaveText('admin');
    await page.reload();
    await expect(page.getByTestId('signed-in-name')).toHaveText('admin');
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('signed-in-name')).toHaveCount(0);
  });
});

test.describe('signing in without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('errors come back on the page, and the right password signs in', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Adresse électronique ou nom d’utilisateur').fill(LOGIN);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('Mot de passe : identifiant ou mot de passe incorrect.');
    await page.getByLabel('Adresse électronique ou nom d’utilisateur').fill(LOGIN);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('signed-in-name')).toHaveText('admin');
  });
});

test.describe('sign-in accessibility', () => {
  test.use({ bypassCSP: true });
  test('axe finds no violation on the form with its errors', async ({ page }) => {
    await page.goto('/login?errors=password:login_failed');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
