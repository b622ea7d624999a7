import { BrowserContext, Page, expect } from '@playwright/test';
import * as path from 'path';

/** Waits until the wasm bundle has hydrated the page (the app marks <html> when it has). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the current page and expects no violation. */
export async function expectNoAxeViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    // @ts-ignore injected above
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

export const repoRoot = path.resolve(__dirname, '..', '..');

const mailPort = process.env.E2E_MAIL_PORT ?? '3126';

/** Waits for the `n`-th mail delivered to `address` (over SMTP, to the sink) and answers its text. */
export async function mailTo(address: string, n = 1): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${mailPort}/messages?to=${encodeURIComponent(address)}`);
    const list = (await res.json()) as { text: string }[];
    if (list.length >= n) return list[n - 1].text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail number ${n} to ${address}`);
}

/** Waits for a mail to `address` whose text contains `needle` (other mails may come first). */
export async function mailContaining(address: string, needle: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${mailPort}/messages?to=${encodeURIComponent(address)}`);
    const list = (await res.json()) as { text: string }[];
    const found = list.find((m) => m.text.includes(needle));
    if (found) return found.text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address} containing ${needle}`);
}

/** The 6-digit code of a mail. */
export function codeIn(text: string): string {
  const m = text.match(/\b(\d{6})\b/);
  if (!m) throw new Error(`no code in ${text}`);
  return m[1];
}

/** The path and query of the first link to `path` in a mail. */
export function linkIn(text: string, path: string): string {
  const start = text.indexOf(path);
  if (start < 0) throw new Error(`no link to ${path} in ${text}`);
  return text.slice(start).split(/\s/)[0];
}

/** A fresh address for one test run. */
export function freshAddress(name: string): string {
  return `${name}.${Date.now()}${Math.floor(Math.random() * 1000)}@example.org`;
}

/** Signs in through the page (hydrated). */
export async function signIn(page: Page, login: string, password: string) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.locator('#signin-login').fill(login);
  await page.locator('#signin-password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
}

/** Signs out through the header button. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByTestId('signed-in-name')).toHaveCount(0);
}

/** The whole sign-up (seed 001 steps 1–6) with the code read from the delivered mail. */
export async function signUp(page: Page, email: string, username: string, password: string) {
  await page.goto('/sign-up');
  await waitForHydration(page);
  await page.locator('#signup-email-email').fill(email);
  await page.getByRole('button', { name: 'Envoyer le code de vérification' }).click();
  await expect(page).toHaveURL(/\/sign-up\/code/);
  await expect(page.getByTestId('code-email')).toHaveText(email);
  const code = codeIn(await mailTo(email));
  await waitForHydration(page);
  await page.locator('#signup-code-code').fill(code);
  await page.getByRole('button', { name: 'Vérifier le code' }).click();
  await expect(page).toHaveURL(/\/sign-up\/details/);
  await page.locator('#signup-username').fill(username);
  await page.locator('#signup-display_name').fill(username);
  await page.locator('#signup-first_name').fill('Ana');
  await page.locator('#signup-last_name').fill('Test');
  await page.locator('#signup-password').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/organisations/);
  await expect(page.getByTestId('signed-in-name')).toHaveText(username);
}

/**
 * The text of the QR code printed on the first page of a PDF: the page is rendered by pdf.js
 * into a canvas at 4× and the pixels decoded by jsQR, in a blank page of the browser (no CSP;
 * pdf.js's worker runs on the main thread).
 */
export async function qrCodeInPdf(context: BrowserContext, pdf: Buffer): Promise<string | null> {
  const modules = path.join(__dirname, '..', 'node_modules');
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ path: path.join(modules, 'pdfjs-dist/build/pdf.min.js') });
    await page.addScriptTag({ path: path.join(modules, 'pdfjs-dist/build/pdf.worker.min.js') });
    await page.addScriptTag({ path: path.join(modules, 'jsqr/dist/jsQR.js') });
    return await page.evaluate(async (b64) => {
      const w = window as any;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const doc = await w.pdfjsLib.getDocument({ data: bytes, isEvalSupported: false }).promise;
      const first = await doc.getPage(1);
      const viewport = first.getViewport({ scale: 4 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const ctx = canvas.getContext('2d')!;
      await first.render({ canvasContext: ctx, viewport }).promise;
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = w.jsQR(image.data, image.width, image.height);
      return code ? (code.data as string) : null;
    }, pdf.toString('base64'));
  } finally {
    await page.close();
  }
}
