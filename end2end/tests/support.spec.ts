import { test, expect } from '@playwright/test';
import { signIn, signOut, waitForHydration, expectNoAxeViolations, mailContaining, linkIn } from './helpers';

const DEMO = 'passerelle-demo';

// Seed 001, "ask for help": a partner's member asks from the profile page; the help desk reads
// it from its mail, takes it in hand, answers and resolves it; the member reads the answer in
// their mail and reopens the request.
test('ask for help from the profile; the help desk answers and resolves; the member reopens', async ({ page }) => {
  const subject = `Accès du bureau de Dakar ${Date.now()}`;
  await signIn(page, 'aie.reader@passerelle.example', DEMO);
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: 'Alliance internationale pour l’eau' }).click();
  await page.getByRole('link', { name: /Profil partenaire/ }).click();
  await page.getByTestId('ask-for-help').click();
  await expect(page).toHaveURL(/\/partners\/\d+\/help\?from=/);
  await waitForHydration(page);
  // Nothing chosen: the fields say what is missing, nothing is sent.
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.locator('#ask-for-help-subject')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#ask-for-help-category').selectOption('lost_access');
  await page.locator('#ask-for-help-subject').fill(subject);
  await page.locator('#ask-for-help-message').fill('Notre collègue de Dakar ne reçoit pas le code de connexion.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page).toHaveURL(/\/support\/\d+/);
  await expect(page.getByTestId('request-status')).toHaveText('Ouverte');
  await expect(page.locator('main')).toContainText('Alliance internationale pour l’eau');
  await expectNoAxeViolations(page);
  await signOut(page);

  // The help desk is told by mail, with the link to the request.
  const asked = await mailContaining('helpdesk@passerelle.example', subject);
  expect(asked).toContain('Notre collègue de Dakar');
  await signIn(page, 'helpdesk@passerelle.example', DEMO);
  await page.goto(linkIn(asked, '/support/'));
  await waitForHydration(page);
  await page.locator('#support-move-message').fill('Nous regardons cela.');
  await page.getByRole('button', { name: 'Prendre en charge' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Prise en charge');
  await waitForHydration(page);
  await page.locator('#support-reply-message').fill('Nous avons renvoyé l’invitation à votre collègue.');
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(page.locator('main')).toContainText('Nous avons renvoyé l’invitation à votre collègue.');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Marquer comme résolue' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Résolue');
  // The queue lists it among the resolved.
  await page.goto('/support?status=resolved');
  await expect(page.getByTestId('support-list')).toContainText(subject);
  await expectNoAxeViolations(page);
  await signOut(page);

  // The member reads the answer in their mail, then reopens the request within 14 days.
  const answered = await mailContaining('aie.reader@passerelle.example', 'Nous avons renvoyé l’invitation');
  await signIn(page, 'aie.reader@passerelle.example', DEMO);
  await page.goto(linkIn(answered, '/support/'));
  await waitForHydration(page);
  await page.locator('#support-reopen-message').fill('Le code n’arrive toujours pas.');
  await page.getByRole('button', { name: 'Rouvrir la demande' }).click();
  await expect(page.getByTestId('request-status')).toHaveText('Rouverte');
  await page.goto('/support');
  await expect(page.getByTestId('support-list')).toContainText(subject);
});
