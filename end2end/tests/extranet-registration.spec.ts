import { test, expect } from '@playwright/test';
import { freshAddress, mailTo, signIn, signOut, waitForHydration } from './helpers';

const PASSWORD = 'twinned towns by the sea';

test('an extranet registration is validated by the secretariat, then signs in', async ({ page }) => {
  const email = freshAddress('maire');
  const username = `maire${Date.now() % 100000}`;
  await page.goto('/extranet/register');
  await waitForHydration(page);
  await page.locator('#register-group').selectOption('local_authority');
  await page.locator('#register-organisation_name').fill('Région Nouvelle-Aquitaine');
  await page.locator('#register-country').selectOption('FR');
  await page.locator('#register-position').fill('Maire adjoint');
  await page.locator('#register-first_name').fill('Hugo');
  await page.locator('#register-last_name').fill('Bernard');
  await page.locator('#register-email').fill(email);
  await page.locator('#register-username').fill(username);
  await page.locator('#register-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('status')).toContainText('Votre demande a été envoyée');
  await mailTo(email);

  // Not yet: the account waits for the secretariat.
  await page.goto('/login');
  await waitForHydration(page);
  await page.locator('#signin-login').fill(username);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('attend encore la validation');

  // The extranet secretariat validates it.
  await signIn(page, 'extranet@passerelle.example', 'passerelle-demo');
  await page.getByRole('link', { name: 'Inscriptions extranet' }).click();
  const card = page.getByTestId('registrations').locator('li').filter({ hasText: email });
  // The region is already registered: the secretariat is offered to attach the person to it.
  await expect(card.getByTestId('similar-organisations')).toBeVisible();
  await expect(card.getByRole('radio', { name: 'Région Nouvelle-Aquitaine' })).toBeChecked();
  await card.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByTestId('registrations').locator('li').filter({ hasText: email })).toHaveAttribute('data-status', 'validated');
  expect(await mailTo(email, 2)).toContain('/login');
  await signOut(page);

  await signIn(page, username, PASSWORD);
  await page.goto('/organisations');
  await expect(page.getByTestId('my-organisations')).toContainText('Région Nouvelle-Aquitaine');
});
