import { test, expect, Locator } from '@playwright/test';
import { signIn, signOut, signUp, waitForHydration, expectNoAxeViolations, freshAddress, mailContaining } from './helpers';

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

/** Fills a form's fields by name, whatever their control: text, select, multiple select,
 *  radio buttons, checkboxes (a name ending in [] takes several values). */
async function fillFields(form: Locator, pairs: [string, string][]) {
  const byName = new Map<string, string[]>();
  for (const [k, v] of pairs) byName.set(k, [...(byName.get(k) ?? []), v]);
  for (const [name, values] of byName) {
    const first = form.locator(`[name="${name}"]`).first();
    const what = await first.evaluate((e) => `${e.tagName.toLowerCase()}:${e.getAttribute('type') ?? ''}:${(e as HTMLSelectElement).multiple ?? ''}`);
    if (what.startsWith('select')) {
      await first.selectOption(what.endsWith('true') ? values : values[0]);
    } else if (what.includes(':radio') || what.includes(':checkbox')) {
      for (const v of values) {
        const exact = form.locator(`[name="${name}"][value="${v}"]`);
        await ((await exact.count()) > 0 ? exact : first).check();
      }
    } else {
      await first.fill(values[0]);
    }
  }
}

// Seed 001 from the start: sign up, create the HQ, fill every section until complete, open a
// country office; UNFPA links its code and imports the spending, the profile shows the table;
// the PSEA self-assessment is submitted and agreed (mailed). Ask for help: support.spec.ts.
test('the seed walked: sign-up, HQ profile complete, country office, code and spending, PSEA reviewed', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const email = freshAddress('partner');
  const name = `Réseau Eau et Santé ${stamp}`;
  await signUp(page, email, `partner${stamp}`, DEMO);
  await waitForHydration(page);
  await page.locator('#create-legal_name').fill(name);
  await page.locator('#create-country').selectOption('SN');
  await page.locator('#create-kind').selectOption('international_ngo');
  await page.getByRole('button', { name: 'Créer l’organisation' }).click();
  await expect(page).toHaveURL(/\/organisations\/\d+/);
  const orgUrl = page.url();
  const id = orgUrl.match(/\/organisations\/(\d+)/)![1];

  // The governing document, then each section.
  await page.goto(`/partners/${id}/identification`);
  await waitForHydration(page);
  await page.locator('input[type=file][name="partner_governing_document"]').setInputFiles({
    name: 'statuts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  });
  await page.locator('form[action="/api/uploads/partner_documents"] button[type=submit]').click();
  await expect(page.getByTestId('completeness')).toContainText('2');
  await page.goto(`/partners/${id}/identification`);
  await expect(page.locator('main')).toContainText('statuts.pdf');
  const sections: [string, [string, string][]][] = [
    ['identification', [['year_established', '1998'], ['registered', 'no'], ['not_registered_reason', 'Dossier en cours']]],
    ['contacts', [['address', 'Rue 10, Dakar'], ['phone', '+221 33 123 45 67'], ['email', 'contact@eau-sante.example'],
      ['head_name', 'Awa Diop'], ['head_title', 'Présidente'], ['board', 'no'], ['authorised_officers', 'Awa Diop, présidente'],
      ['working_languages[]', 'fr'], ['working_languages[]', 'en']]],
    ['mandate', [['background', 'Créée en 1998.'], ['mandate', 'Eau potable et santé.'], ['governance', 'Assemblée générale.'],
      ['populations[]', 'women_girls'], ['sectors[]', 'health'], ['experience', 'over_10'],
      ['countries_of_operation[]', 'SN'], ['countries_of_operation[]', 'ML'],
      ['safeguarding_policy', 'no'], ['safeguarding_policy_comment', 'En préparation'],
      ['anti_fraud_policy', 'no'], ['anti_fraud_policy_comment', 'En préparation']]],
    ['funding', [['budget_this_year', '100k_250k'], ['budget_last_year', '100k_250k'], ['budget_two_years_ago', '50k_100k'],
      ['main_donors', 'UNFPA, AFD'], ['core_funding', 'foundations']]],
    ['collaboration', [['un_partner', 'no'], ['references', 'Ministère de la Santé']]],
    ['implementation', [['results_based_management', 'yes'], ['monitoring_evaluation', 'yes'], ['feedback_mechanism', 'yes'],
      ['segregation_of_duties', 'yes'], ['bank_account', 'yes'], ['audited', 'no'], ['key_results', '40 forages réhabilités.']]],
    ['other', [['data_confirmed', 'yes']]],
  ];
  for (const [section, pairs] of sections) {
    await page.goto(`/partners/${id}/${section}`);
    await waitForHydration(page);
    await fillFields(page.locator('form#pp'), pairs);
    await page.getByRole('button', { name: 'Enregistrer cette section' }).click();
    await expect(page.locator('.notice--success')).toContainText('La section a été enregistrée');
  }
  await expect(page.getByTestId('completeness')).toContainText('100');
  await expect(page.locator('main')).toContainText('Le profil est complet');
  await expectNoAxeViolations(page);

  // Complete: a country office may be opened.
  await page.goto(orgUrl);
  await waitForHydration(page);
  await page.locator('#office-legal_name').fill(`${name} Mali`);
  await page.locator('#office-country').selectOption('ML');
  await page.getByRole('button', { name: 'Créer le bureau' }).click();
  await expect(page.locator('main')).toContainText(`${name} Mali`);

  // The PSEA self-assessment: eight standards met, with evidence, submitted.
  await page.goto(`/partners/${id}/psea`);
  await waitForHydration(page);
  const standards = ['organisational_policy', 'partner_agreements', 'recruitment', 'training', 'reporting',
    'survivor_assistance', 'investigations', 'corrective_action'];
  const psea: [string, string][] = standards.flatMap((s) => [[s, 'yes'], [`${s}_evidence`, 'Politique adoptée en 2022']] as [string, string][]);
  await fillFields(page.locator('form#psea'), psea);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Soumettre pour examen' }).click();
  await expect(page.getByTestId('psea-status')).toContainText('Soumise, en attente d’examen');
  await signOut(page);

  // UNFPA links its code, imports the spending and agrees with the self-assessment.
  const code = `PW${stamp}`;
  await signIn(page, 'agency.unfpa@passerelle.example', DEMO);
  await page.goto(`/partners/${id}`);
  await waitForHydration(page);
  await page.locator('#link-code').fill(code);
  await page.getByRole('button', { name: 'Relier le code' }).click();
  await expect(page.locator('main')).toContainText('Le code partenaire a été relié.');
  await expect(page.locator('main')).toContainText(`UNFPA · Code partenaire ${code}`);
  await page.goto('/agency');
  await waitForHydration(page);
  await page.locator('#import-agency').selectOption('unfpa');
  const csv = `partner code;year;amount\n${code};2018;38758\n${code};2019;85971\n${code};2020;117824\n${code};2021;96956\n`;
  await page.locator('#import-file').setInputFiles({ name: 'depenses.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByTestId('import-applied')).toContainText('4');
  await page.goto(`/partners/${id}`);
  const table = page.getByTestId('spending-unfpa');
  for (const figure of [/38\s758/, /85\s971/, /117\s824/, /96\s956/, /339\s509/]) {
    await expect(table).toContainText(figure);
  }
  await page.goto(`/partners/${id}/psea`);
  await waitForHydration(page);
  await page.locator('#psea-review-decision').selectOption('agree');
  await page.getByRole('button', { name: 'Enregistrer l’examen' }).click();
  await expect(page.getByTestId('psea-status')).toContainText('Approuvée par l’agence');
  const agreed = await mailContaining(email, 'approuve l\'auto-évaluation PSEA');
  expect(agreed).toContain('capacité complète');
});
