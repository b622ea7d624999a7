import { test, expect } from '@playwright/test';
import { waitForHydration, expectNoAxeViolations, freshAddress, mailTo, codeIn, signUp, signIn, signOut } from './helpers';

const PASSWORD = 'a river in the morning light';

test.describe('signing up with a code from the mail', () => {
  test('address, code from the delivered mail, details: the account exists and signs in', async ({ page }) => {
    const email = freshAddress('ana');
    const username = `ana${Date.now() % 100000}`;
    await signUp(page, email, username, PASSWORD);
    await signOut(page);
    await signIn(page, username, PASSWORD);
    await expect(page.getByTestId('signed-in-name')).toHaveText(username);
  });

  test('a wrong code is explained at the top and next to the field; a new code can be sent', async ({ page }) => {
    const email = freshAddress('ben');
    await page.goto('/sign-up');
    await waitForHydration(page);
    await page.locator('#signup-email-email').fill(email);
    await page.getByRole('button', { name: 'Envoyer le code de vérification' }).click();
    await expect(page).toHaveURL(/\/sign-up\/code/);
    const code = codeIn(await mailTo(email));
    await waitForHydration(page);
    await page.locator('#signup-code-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect(page.getByRole('alert')).toContainText('Code de vérification (6 chiffres) : ce code n’est pas le bon.');
    await expect(page.locator('#signup-code-code-error')).toContainText('Ce code n’est pas le bon.');
    await page.getByRole('button', { name: 'Envoyer un nouveau code' }).click();
    await expect(page.getByRole('status')).toContainText('Un nouveau code vient d’être envoyé');
    await mailTo(email, 2);
    await expectNoAxeViolations(page);
  });
});

test.describe('signing up without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the three steps work as plain forms', async ({ page }) => {
    const email = freshAddress('cleo');
    await page.goto('/sign-up');
    await page.locator('#signup-email-email').fill('cleo@localhost');
    await page.getByRole('button', { name: 'Envoyer le code de vérification' }).click();
    await expect(page.getByRole('alert')).toContainText('Adresse électronique : l’adresse électronique n’est pas valide');
    await page.locator('#signup-email-email').fill(email);
    await page.getByRole('button', { name: 'Envoyer le code de vérification' }).click();
    await expect(page).toHaveURL(/\/sign-up\/code/);
    await page.locator('#signup-code-code').fill(codeIn(await mailTo(email)));
    await page.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect(page).toHaveURL(/\/sign-up\/details/);
    const username = `cleo${Date.now() % 100000}`;
    await page.locator('#signup-username').fill(username);
    await page.locator('#signup-display_name').fill(username);
    await page.locator('#signup-first_name').fill('Cléo');
    await page.locator('#signup-last_name').fill('Test');
    await page.locator('#signup-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page).toHaveURL(/\/organisations/);
    await expect(page.getByTestId('signed-in-name')).toHaveText(username);
  });
});
