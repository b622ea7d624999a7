import { test, expect } from '@playwright/test';
import { signIn, signOut, waitForHydration, expectNoAxeViolations } from './helpers';

const DEMO = 'passerelle-demo';

function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Seed 001, "Opportunities": an agency officer writes a call (the browser checks it with the
// server's own validator), saves it as a draft, publishes it after confirming; everyone finds it
// in the open calls and filters them; the officer then cancels it.
test('an officer writes, publishes and cancels a call; everyone reads the open calls', async ({ page }) => {
  const title = `Accès à l’eau potable à Thiès ${Date.now()}`;
  await signIn(page, 'agency.unfpa@passerelle.example', DEMO);
  await page.goto('/agency/calls');
  await expect(page.getByTestId('agency-calls')).toContainText('Santé maternelle et planification familiale');
  await page.getByTestId('new-call').click();
  await expect(page).toHaveURL(/\/agency\/calls\/new$/);
  await waitForHydration(page);
  await page.locator('#call-title').fill(title);
  await page.locator('#call-description').fill('Partenaires locaux pour l’accès à l’eau potable et à l’assainissement.');
  await page.locator('#call-sectors-water_sanitation').check();
  await page.locator('#call-countries').selectOption(['SN']);
  await page.locator('#call-criterion_1_name').fill('Expérience');
  await page.locator('#call-criterion_1_weight').fill('60');
  await page.locator('#call-criterion_2_name').fill('Coût');
  await page.locator('#call-criterion_2_weight').fill('30');
  await page.locator('#call-clarification_deadline').fill(inDays(7));
  await page.locator('#call-deadline').fill(inDays(3));
  await page.locator('#call-notification').fill(inDays(30));
  await page.locator('#call-start').fill(inDays(45));
  await page.locator('#call-end').fill(inDays(400));
  await page.locator('#call-end').blur();
  // The deadline before the clarification deadline is named as soon as the field is left.
  await expect(page.locator('#call-deadline')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#call-deadline').fill(inDays(21));
  await page.locator('#call-deadline').blur();
  await expect(page.locator('#call-deadline')).toHaveAttribute('aria-invalid', 'false');
  // Weights adding up to 90: stopped in the browser, the summary says why.
  await page.getByTestId('save-call').click();
  await expect(page.locator('main')).toContainText('Les points des critères doivent faire 100 au total.');
  await expect(page).toHaveURL(/\/agency\/calls\/new$/);
  await page.locator('#call-criterion_2_weight').fill('40');
  await expectNoAxeViolations(page);
  await page.getByTestId('save-call').click();
  await expect(page).toHaveURL(/\/calls\/\d+\?saved=draft/);
  await expect(page.getByTestId('call-state')).toHaveText('Brouillon');
  await expect(page.getByTestId('criteria')).toContainText('100');
  const callUrl = new URL(page.url()).pathname;
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // Publishing asks first.
  await page.getByText('Publier…').click();
  await page.getByTestId('publish-call').click();
  await expect(page.getByTestId('call-state')).toHaveText('Ouvert aux candidatures');
  await expect(page.locator('main')).toContainText('L’appel est publié');
  await signOut(page);

  // A headquarters' administrator is told why it does not apply itself.
  await signIn(page, 'aie.admin@passerelle.example', DEMO);
  await page.goto(callUrl);
  await expect(page.getByTestId('cannot-apply').filter({ hasText: 'Un siège ne candidate pas lui-même' })).toHaveCount(1);
  await expect(page.getByTestId('send-application')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await signOut(page);

  // Everyone reads the open calls, and filters them (a plain GET form).
  await page.goto('/calls');
  await expect(page.getByTestId('calls')).toContainText(title);
  await page.locator('#calls-sector').selectOption('water_sanitation');
  await page.locator('#calls-country').selectOption('SN');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/sector=water_sanitation/);
  await expect(page.getByTestId('calls')).toContainText(title);
  await expect(page.getByTestId('calls')).not.toContainText('Santé maternelle et planification familiale');
  await page.locator('#calls-country').selectOption('HT');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByTestId('calls-empty')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(callUrl);
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.getByTestId('call-actions')).toHaveCount(0);
  await expect(page.locator('main')).toContainText('Connectez-vous pour candidater');

  // Its officer cancels it: it leaves the open calls.
  await signIn(page, 'agency.unfpa@passerelle.example', DEMO);
  await page.goto(callUrl);
  await waitForHydration(page);
  await page.getByText('Finaliser…').click();
  await page.locator('#call-finalise-reason').selectOption('cancelled');
  await page.locator('#call-finalise-note').fill('Le financement est reporté.');
  await page.getByTestId('finalise-call').click();
  await expect(page.getByTestId('call-state')).toHaveText('Finalisé');
  await expect(page.getByTestId('call-final')).toContainText('Annulé');
  await expect(page.locator('.history')).toContainText('Appel publié');
  await page.goto('/calls');
  await expect(page.getByTestId('calls')).not.toContainText(title);
});
