import { test, expect } from '@playwright/test';
import { freshAddress, mailContaining, mailTo, signIn, signOut, signUp, waitForHydration, expectNoAxeViolations } from './helpers';

const PASSWORD = 'joining the water alliance';

test('a join request is approved by the organisation’s administrator', async ({ page }) => {
  const email = freshAddress('dina');
  const username = `dina${Date.now() % 100000}`;
  await signUp(page, email, username, PASSWORD);

  // "Continue as partner": pick the organisation from the search list, give an administrator's address.
  await page.locator('#q').fill('Alliance internationale');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const results = page.getByTestId('search-results');
  await expect(results).toBeVisible();
  const hq = results.locator('li').filter({ hasText: 'Suisse' }).first();
  await hq.getByLabel('Adresse électronique d’un administrateur').fill('aie.admin@passerelle.example');
  await hq.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByRole('status')).toContainText('Votre demande a été envoyée');
  await mailContaining('aie.admin@passerelle.example', email);
  await signOut(page);

  // The administrator approves it as editor.
  await signIn(page, 'aie.admin@passerelle.example', 'passerelle-demo');
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: 'Alliance internationale pour l’eau' }).click();
  await waitForHydration(page);
  const request = page.getByTestId('join-requests').locator('li').filter({ hasText: email });
  await request.getByLabel('Rôle').selectOption('editor');
  await request.getByRole('button', { name: 'Accepter' }).click();
  await expect(page.getByTestId('members')).toContainText(email);
  await expectNoAxeViolations(page);
  // The organisation's history says it in words, in the page's language.
  await page.reload();
  const history = page.locator('.history');
  await expect(history).toContainText('Demande d’adhésion tranchée');
  await expect(history).toContainText('en attente → approuvée');
  await expect(history).not.toContainText('organisations.join_request_decided');
  expect(await mailTo(email, 2)).toContain('acceptée');
  await signOut(page);

  // The requester now belongs to the organisation.
  await signIn(page, username, PASSWORD);
  await page.goto('/organisations');
  await expect(page.getByTestId('my-organisations')).toContainText('Alliance internationale pour l’eau');
  await expect(page.getByTestId('my-organisations')).toContainText('Éditeur·rice');
});
