import { test, expect } from '@playwright/test';
import { waitForHydration, mailTo, linkIn, signIn } from './helpers';

test.describe('forgotten login details', () => {
  test('the link from the mail sets a new password, once', async ({ page }) => {
    const email = 'aie.editor@passerelle.example';
    await page.goto('/forgot');
    await waitForHydration(page);
    await page.locator('#forgot-email').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByRole('status')).toContainText('Si un compte utilise cette adresse');
    const mail = await mailTo(email);
    expect(mail).toContain('aie.editor');
    const link = linkIn(mail, '/reset-password?token=');
    await page.goto(link);
    await waitForHydration(page);
    await page.locator('#reset-password').fill('new keys for an old door');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await expect(page).toHaveURL(/\/login\?reset=1/);
    await expect(page.getByRole('status')).toContainText('Votre mot de passe a été changé');
    await signIn(page, 'aie.editor', 'new keys for an old door');

    // The same link a second time is refused with a clear message.
    await page.goto(link);
    await waitForHydration(page);
    await page.locator('#reset-password').fill('yet another fine phrase');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await expect(page.getByRole('alert')).toContainText('Ce lien a déjà servi');
  });
});

test.describe('forgotten login details without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an unknown address gets the same answer', async ({ page }) => {
    await page.goto('/forgot');
    await page.locator('#forgot-email').fill('nobody.at.all@example.org');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByRole('status')).toContainText('Si un compte utilise cette adresse');
  });
});
