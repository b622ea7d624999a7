import { test, expect, Page } from '@playwright/test';
import { signIn, waitForHydration } from './helpers';

const ADMIN = 'aie.admin@passerelle.example';
const PASSWORD = 'passerelle-demo';

async function openHq(page: Page) {
  await page.goto('/organisations');
  await page.getByTestId('my-organisations').getByRole('link', { name: 'Alliance internationale pour l’eau' }).click();
  await expect(page.locator('#profile')).toBeVisible();
  await waitForHydration(page);
}

test('a form keeps its input offline, survives a reload and syncs when back online', async ({ page, context, browser }) => {
  await signIn(page, 'aie.reader@passerelle.example', PASSWORD);
  await page.goto('/me');
  await waitForHydration(page);
  const status = page.getByTestId('draft-status');
  await page.locator('#details-display_name').fill('Lucía P.');
  await expect(status).toHaveText('Brouillon enregistré.');

  // The network drops: typing goes on, kept on this device; submitting waits and says why.
  await context.setOffline(true);
  const before = await status.getAttribute('data-saved-at');
  await page.locator('#details-first_name').fill('Lucía hors ligne');
  await expect(status).not.toHaveAttribute('data-saved-at', before ?? '');
  await expect(status).toHaveText('Hors ligne — brouillon enregistré sur cet appareil.');
  await expect(page.getByTestId('offline-submit')).toBeVisible();
  await expect(page.locator('#details button[type=submit]')).toBeDisabled();

  // Back online but the server unreachable for drafts: a reload restores from the device.
  await page.route('**/api/drafts/**', (route) => route.abort());
  await context.setOffline(false);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#details-first_name')).toHaveValue('Lucía hors ligne');
  await expect(page.locator('#details-display_name')).toHaveValue('Lucía P.');
  await expect(status).toHaveText('Votre brouillon a été restauré.');

  // The server comes back: the next change syncs, and another device finds the draft.
  await page.unroute('**/api/drafts/**');
  await page.locator('#details-last_name').fill('Pérez G.');
  await expect(status).toHaveText('Brouillon enregistré.');
  const other = await browser.newContext({ locale: 'fr-FR' });
  const second = await other.newPage();
  await signIn(second, 'aie.reader@passerelle.example', PASSWORD);
  await second.goto('/me');
  await waitForHydration(second);
  await expect(second.locator('#details-first_name')).toHaveValue('Lucía hors ligne');
  await expect(second.locator('#details-last_name')).toHaveValue('Pérez G.');
  await other.close();

  // Submitting clears the draft.
  await page.locator('#details button[type=submit]').click();
  await expect(page.getByRole('status').filter({ hasText: 'Vos informations ont été enregistrées.' })).toBeVisible();
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#details-first_name')).toHaveValue('Lucía hors ligne');
  await expect(status).toHaveText('');
});

test('two devices editing one record get the conflict view and lose no field', async ({ browser }) => {
  const a = await browser.newContext({ locale: 'fr-FR' });
  const b = await browser.newContext({ locale: 'fr-FR' });
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa, ADMIN, PASSWORD);
  await signIn(pb, ADMIN, PASSWORD);
  await openHq(pa);
  await openHq(pb);

  // A starts a draft; B saves another acronym and a new address.
  await pa.locator('#profile-acronym').fill('AIE-A');
  await expect(pa.getByTestId('draft-status')).toHaveText('Brouillon enregistré.');
  await pb.locator('#profile-acronym').fill('AIE-B');
  await pb.locator('#profile-email').fill('contact@aie.example');
  await pb.locator('#profile button[type=submit]').click();
  await expect(pb.getByRole('status').filter({ hasText: 'Le profil a été enregistré.' })).toBeVisible();

  // A comes back: B's address is merged in, the acronym waits for A's choice.
  await pa.reload();
  await waitForHydration(pa);
  const conflicts = pa.getByTestId('conflicts');
  await expect(conflicts).toContainText('AIE-A');
  await expect(conflicts).toContainText('AIE-B');
  await expect(pa.locator('#profile-email')).toHaveValue('contact@aie.example');
  await expect(pa.locator('#profile button[type=submit]')).toBeDisabled();
  await conflicts.getByLabel(/Ma version/).check();
  await expect(pa.locator('#profile-acronym')).toHaveValue('AIE-A');
  await expect(pa.locator('#profile button[type=submit]')).toBeEnabled();
  await pa.locator('#profile button[type=submit]').click();
  await expect(pa.getByRole('status').filter({ hasText: 'Le profil a été enregistré.' })).toBeVisible();
  await pb.reload();
  await expect(pb.locator('#profile-acronym')).toHaveValue('AIE-A');
  await expect(pb.locator('#profile-email')).toHaveValue('contact@aie.example');
  await a.close();
  await b.close();
});

test('typed offline, page closed, reopened online: the server copy gets it at once and another computer sees it', async ({ browser }) => {
  const laptop = await browser.newContext({ locale: 'fr-FR' });
  let page = await laptop.newPage();
  await signIn(page, 'aie.editor@passerelle.example', PASSWORD);
  await page.goto('/accreditation');
  await page.getByTestId('accreditation-organisations').getByRole('link', { name: 'Vienne' }).first().click();
  await expect(page.getByTestId('quotas')).toBeVisible();
  const form = `${new URL(page.url()).pathname}/new?type=additional_representative`;
  await page.goto(form);
  await waitForHydration(page);
  const status = page.getByTestId('draft-status');
  await page.locator('#designation-last_name').fill('EnLigne');
  await expect(status).toHaveText('Brouillon enregistré.');

  // Offline: another field, kept on this device only; then the page is closed.
  await laptop.setOffline(true);
  await page.locator('#designation-first_name').fill('HorsLigne');
  await expect(status).toHaveText('Hors ligne — brouillon enregistré sur cet appareil.');
  await page.close();

  // Online again, the form reopened: both fields are back and, without a keystroke, the server
  // copy receives the field typed offline.
  await laptop.setOffline(false);
  page = await laptop.newPage();
  await page.goto(form);
  await waitForHydration(page);
  await expect(page.locator('#designation-first_name')).toHaveValue('HorsLigne');
  await expect(page.locator('#designation-last_name')).toHaveValue('EnLigne');
  await expect(page.getByTestId('draft-status')).toHaveText('Brouillon enregistré.');

  // Another computer: the same person opens the form and finds what was typed offline.
  const desktop = await browser.newContext({ locale: 'fr-FR' });
  const other = await desktop.newPage();
  await signIn(other, 'aie.editor@passerelle.example', PASSWORD);
  await other.goto(form);
  await waitForHydration(other);
  await expect(other.locator('#designation-first_name')).toHaveValue('HorsLigne');
  await expect(other.locator('#designation-last_name')).toHaveValue('EnLigne');
  await desktop.close();
  await laptop.close();
});
