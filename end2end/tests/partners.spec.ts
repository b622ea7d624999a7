import { test, expect } from '@playwright/test';
import { signIn, signOut, waitForHydration, expectNoAxeViolations } from './helpers';

const DEMO = 'passerelle-demo';

// Seed 001: the partner completes its profile from the list of what is missing; the spending
// table of UNFPA's code is the seed's; the agency finds the profile; a duplicate is refused.
test('a missing field is a link to it; the seed’s spending table; the agency’s search; no duplicate', async ({ page }) => {
  await signIn(page, 'aie.admin@passerelle.example', DEMO);
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: 'Alliance internationale pour l’eau' }).click();
  await page.getByRole('link', { name: /Profil partenaire/ }).click();
  await waitForHydration(page);
  await expect(page.getByTestId('completeness')).toBeVisible();
  const mandate = page.getByTestId('sections').locator('li[data-section="mandate"]');
  await expect(mandate).toContainText('Manquant');
  // The seed's table: 2018 $38,758 · 2019 $85,971 · 2020 $117,824 · 2021 $96,956 · total $339,509.
  const table = page.getByTestId('spending-unfpa');
  for (const figure of [/38\s758/, /85\s971/, /117\s824/, /96\s956/, /339\s509/]) {
    await expect(table).toContainText(figure);
  }
  await expectNoAxeViolations(page);

  // The missing "Background" is a link to its field.
  await mandate.getByRole('link', { name: 'Historique' }).click();
  await expect(page).toHaveURL(/\/mandate#pp-background$/);
  await waitForHydration(page);
  await page.locator('#pp-background').fill('Fondée en 1987 à Genève par des ingénieurs et des élus.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Enregistrer cette section' }).click();
  await expect(page.locator('.notice--success')).toContainText('La section a été enregistrée');
  await expect(page.getByTestId('sections').locator('li[data-section="mandate"]')).not.toContainText('Historique');

  // The same organisation, written otherwise, is not created twice: joining it is offered.
  await page.goto('/organisations');
  await waitForHydration(page);
  await page.locator('#create-legal_name').fill('ALLIANCE INTERNATIONALE POUR L’EAU (ONG)');
  await page.locator('#create-country').selectOption('CH');
  await page.locator('#create-kind').selectOption('international_ngo');
  await page.getByRole('button', { name: 'Créer l’organisation' }).click();
  await expect(page.getByTestId('duplicates')).toContainText('Alliance internationale pour l’eau');
  await expect(page.getByTestId('duplicates').getByRole('button', { name: 'Envoyer la demande' })).toBeVisible();
  await signOut(page);

  // UNFPA's officer finds the profile linked to its code.
  await signIn(page, 'agency.unfpa@passerelle.example', DEMO);
  await page.goto('/agency/partners?q=internationale%20pour%20l');
  await waitForHydration(page);
  await expect(page.getByTestId('partners')).toContainText('P12345');
  await expectNoAxeViolations(page);
});
