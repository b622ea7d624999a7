// Screenshots of pages at 360 px and 1280 px wide in fr, en and es, signed in as a demo person:
//   node support/screenshots.mjs <base URL> <out dir> <login> <path>...
// (the review of how a page looks; not a test).
import { chromium } from '@playwright/test';

const [base, out, login, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const lang of ['fr', 'en', 'es']) {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.waitForSelector('html[data-hydrated]');
  await page.locator('#signin-login').fill(login);
  await page.locator('#signin-password').fill('passerelle-demo');
  await page.locator('#signin-password').press('Enter');
  await page.waitForSelector('[data-testid=signed-in-name]');
  await context.addCookies([{ name: 'i18n_pref_locale', value: lang, url: base }]);
  for (const path of paths) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}${path}`);
      await page.waitForSelector('html[data-hydrated]');
      const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
      await page.screenshot({ path: `${out}/${name}-${lang}-${width}.png`, fullPage: true });
    }
  }
  await context.close();
}
await browser.close();
