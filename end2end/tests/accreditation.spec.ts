import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { expectNoAxeViolations, qrCodeInPdf, signIn, signOut, waitForHydration } from './helpers';

// The seed's scenario (000): an organisation designates its representatives at a duty station,
// quotas hold, an inactive representative is copied, the station's officer approves, the badge
// PDF downloads and its QR code opens the public verification page.
const PASSWORD = 'passerelle-demo';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082',
  'hex',
);

async function fillPerson(page: Page, first: string, last: string, title: 'mr' | 'ms') {
  await page.locator('#designation-title').selectOption(title);
  await page.locator('#designation-first_name').fill(first);
  await page.locator('#designation-last_name').fill(last);
  await page.locator('#designation-sex').selectOption(title === 'ms' ? 'female' : 'male');
  await page.locator('#designation-date_of_birth').fill('1979-04-02');
  await page.locator('#designation-place_of_birth').fill('Lyon');
  await page.locator('#designation-nationality').selectOption('FR');
  await page.locator('#designation-position').fill('Responsable du plaidoyer');
  await page.locator('#designation-address_street').fill('Rue du Rhône 10');
  await page.locator('#designation-address_city').fill('Genève');
  await page.locator('#designation-country').selectOption('CH');
  await page.locator('#designation-phone').fill('+41 22 700 00 00');
  await page.locator('#designation-email').fill(`${last.toLowerCase()}@aie.example`);
  await page.locator('#designation-communication_preference').selectOption('email');
}

test('designate the four kinds, the fifth additional is refused at the top, copy, the officer approves, the badge verifies', async ({ page, context }) => {
  await signIn(page, 'aie.admin@passerelle.example', PASSWORD);
  await page.goto('/accreditation');
  await page.getByTestId('accreditation-organisations').getByRole('link', { name: 'Genève' }).first().click();
  await expect(page.getByTestId('quotas')).toBeVisible();
  const station = new URL(page.url()).pathname;
  await expect(page.getByTestId('quotas').getByRole('row', { name: /supplémentaire/ })).toContainText('3 / 4');

  const people: [string, string, string, 'mr' | 'ms'][] = [
    ['president_chief_executive', 'Amina', 'Diop', 'ms'],
    ['administrative_director', 'Paul', 'Martin', 'mr'],
    ['principal_representative', 'Inès', 'Garcia', 'ms'],
    ['additional_representative', 'Léo', 'Blanc', 'mr'],
  ];
  for (const [type, first, last, title] of people) {
    await page.goto(`${station}/new?type=${type}`);
    await waitForHydration(page);
    await expect(page.locator('#designation-representative_type')).toHaveValue(type);
    await fillPerson(page, first, last, title);
    await page.getByRole('button', { name: 'Soumettre au secrétariat' }).click();
    await expect(page).toHaveURL(/saved=submitted/);
    await expect(page.getByRole('status')).toContainText('Désignation soumise');
    await expect(page.getByTestId('active')).toContainText(`${first} ${last}`);
  }
  await expect(page.getByTestId('quotas').getByRole('row', { name: /supplémentaire/ })).toContainText('4 / 4');

  // The fifth additional representative: the quota is named at the top, with who uses it.
  await page.goto(`${station}/new?type=additional_representative`);
  await waitForHydration(page);
  await fillPerson(page, 'Zoé', 'Petit', 'ms');
  await page.getByRole('button', { name: 'Soumettre au secrétariat' }).click();
  const summary = page.locator('.error-summary[data-form=designation]');
  await expect(summary).toContainText('Type de représentant : le quota est atteint');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('quota-users')).toContainText('Sofia Rossi');
  await expect(page.getByTestId('quota-users')).toContainText('Léo Blanc');
  await expectNoAxeViolations(page);

  // A title other than Mr or Ms is refused as one leaves the field… (the list offers only both)
  await expect(page.locator('#designation-title option')).toHaveText(['— Choisir —', 'M.', 'Mme']);

  // Copy an inactive representative: a pre-filled form, kept as a draft.
  await page.goto(station);
  await page.getByTestId('inactive').getByRole('link', { name: 'Copier' }).click();
  await waitForHydration(page);
  await expect(page.locator('#designation-last_name')).toHaveValue('Silva');
  await expect(page.locator('#designation-first_name')).toHaveValue('Tomás');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/saved=draft/);
  await expect(page.getByTestId('drafts')).toContainText('Tomás Silva');
  await expectNoAxeViolations(page);

  // The draft gets its badge photo: a disguised file is refused, a real one is shown.
  await page.getByTestId('drafts').getByRole('link', { name: 'Reprendre le brouillon' }).click();
  await waitForHydration(page);
  await page.locator('#photo-form-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4 not a photo') });
  await page.locator('#photo-form').getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.locator('#photo-form-photo-error')).toHaveText('Ce fichier n’est pas une image JPEG ou PNG.');
  await waitForHydration(page);
  await page.locator('#photo-form-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#photo-form').getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Photo enregistrée' })).toBeVisible();
  await expect(page.getByTestId('designation-photo')).toHaveCount(1);
  await page.goto(station);

  // The officer of Geneva approves from the queue.
  await signOut(page);
  await signIn(page, 'officer.geneva@passerelle.example', PASSWORD);
  await page.getByRole('link', { name: 'Désignations', exact: true }).click();
  await expect(page.getByTestId('queue')).toContainText('Amina Diop');
  const row = page.getByTestId('queue').getByRole('row').filter({ hasText: 'Amina Diop' });
  await row.getByRole('button', { name: 'Accepter' }).click();
  await expect(row).toContainText('Approuvée');
  await expectNoAxeViolations(page);

  // The organisation downloads the badge; its QR code (decoded from the rendered PDF) opens the
  // public verification page, which says the badge is valid — without signing in.
  await signOut(page);
  await signIn(page, 'aie.admin@passerelle.example', PASSWORD);
  await page.goto(station);
  const card = page.getByTestId('active').getByRole('listitem').filter({ hasText: 'Amina Diop' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByTestId('badge-pdf').click(),
  ]);
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const url = await qrCodeInPdf(context, pdf);
  expect(url).toMatch(/\/verify\/[0-9A-Z]{16}\.[0-9A-Z]{16}$/);
  expect(url).not.toContain('Diop');
  await signOut(page);
  await page.goto(new URL(url!).pathname);
  await expect(page.getByTestId('verdict')).toHaveText(/Badge valide/);
  await expect(page.getByRole('definition').filter({ hasText: 'Alliance internationale' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Diop');
  await expectNoAxeViolations(page);
});

test('a holder of accreditation rights requests a temporary pass, books a room; overlapping is refused; the secretariat sees it in the calendar', async ({ page }) => {
  await signIn(page, 'aie.reader@passerelle.example', PASSWORD);
  await page.goto('/accreditation/rights');
  await waitForHydration(page);
  await expect(page.getByTestId('rights-station')).toContainText('New York');
  // A temporary pass for an event, requested under the rights (the form offers no annual pass).
  await page.getByRole('link', { name: 'Demander un badge temporaire' }).click();
  await waitForHydration(page);
  await expect(page.getByTestId('rights-notice')).toBeVisible();
  await expect(page.locator('#designation-pass_kind')).toHaveCount(0);
  await fillPerson(page, 'Kofi', 'Mensah', 'mr');
  await page.getByRole('button', { name: 'Soumettre au secrétariat' }).click();
  await expect(page).toHaveURL(/\/accreditation\/rights\?saved=submitted/);
  await expect(page.getByTestId('temporary-passes')).toContainText('Kofi Mensah');
  await waitForHydration(page);
  const day = new Date();
  if (day.getMonth() !== 11 || day.getDate() !== 31) day.setDate(day.getDate() + 1);
  const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  const book = async (start: string, end: string) => {
    await page.locator('#book-room_id').selectOption({ label: 'New York — Conference Room 4 (120)' });
    await page.locator('#book-date').fill(iso);
    await page.locator('#book-starts_at').fill(start);
    await page.locator('#book-ends_at').fill(end);
    await page.locator('#book-purpose').fill('Événement parallèle sur l’eau');
    await page.getByRole('button', { name: 'Réserver', exact: true }).click();
  };
  await book('10:00', '11:30');
  await expect(page.getByRole('status')).toContainText('Salle réservée');
  await expect(page.getByTestId('my-bookings')).toContainText('10:00–11:30');
  // The same room at an overlapping time: refused, at the top and next to the field.
  await book('11:00', '12:00');
  await expect(page.locator('.error-summary[data-form=book]')).toContainText('déjà réservée');
  await expect(page.locator('#book-starts_at-error')).toContainText('déjà réservée');
  await expectNoAxeViolations(page);

  await signOut(page);
  await signIn(page, 'admin@passerelle.example', PASSWORD);
  await page.getByRole('link', { name: 'Salles', exact: true }).click();
  await expect(page.getByTestId('calendar')).toBeVisible();
  await page.goto(`/secretariat/rooms?station=new_york&day=${iso}&span=week`);
  await expect(page.getByTestId('calendar')).toContainText('Conference Room 4');
  await expect(page.getByTestId('booking')).toContainText('10:00–11:30');
  await expect(page.getByTestId('booking')).toContainText('Alliance internationale');
  await expectNoAxeViolations(page);
});

test.describe('the public directory', () => {
  test.use({ javaScriptEnabled: false });

  test('finds organisations in consultative status by name, country and status, page by page', async ({ page }) => {
    await page.goto('/accreditation/directory');
    await expect(page.getByTestId('directory-total')).toContainText('13003');
    await page.locator('#directory-q').fill('pour la paix');
    await page.locator('#directory-country').selectOption('KE');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/q=pour/);
    const items = page.getByTestId('directory').getByRole('listitem');
    await expect(items.first()).toContainText('pour la paix');
    await expect(items.first()).toContainText('Kenya');
    await page.goto('/accreditation/directory?status=general');
    await page.getByRole('link', { name: 'Suivante →' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText('2 / ')).toBeVisible();
  });
});
