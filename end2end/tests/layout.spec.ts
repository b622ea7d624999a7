import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { signIn, waitForHydration } from './helpers';

// Every page as people see it: at 360 px (a phone) and 1280 px, in the three languages, no page
// scrolls sideways and the header stays on one band on a wide screen. Screenshots go to
// end2end/screenshots/ (not committed) for a human look.
const PASSWORD = 'passerelle-demo';
const OUT = path.join(__dirname, '..', 'screenshots');
const WIDTHS = [360, 1280];
const LANGS = ['fr', 'en', 'es'];

type Who = { name: string; login?: string; pages: (page: Page) => Promise<[string, string][]> };

const WHO: Who[] = [
  {
    name: 'anonymous',
    pages: async () => [
      ['home', '/'],
      ['sign-in', '/login'],
      ['sign-up', '/sign-up'],
      ['forgot', '/forgot'],
      ['directory', '/accreditation/directory'],
      ['extranet-register', '/extranet/register'],
    ],
  },
  {
    name: 'ngo',
    login: 'aie.admin@passerelle.example',
    pages: async (page) => {
      await page.goto('/accreditation');
      const station = await page
        .getByTestId('accreditation-organisations')
        .getByRole('link', { name: /Genève|Geneva|Ginebra/ })
        .first()
        .getAttribute('href');
      const org = station!.split('/')[2];
      return [
        ['my-organisations', '/organisations'],
        ['organisation', `/organisations/${org}`],
        ['station', station!],
        ['designation-form', `${station}/new?type=additional_representative`],
        ['my-details', '/me'],
      ];
    },
  },
  {
    name: 'officer',
    login: 'officer.geneva@passerelle.example',
    pages: async () => [
      ['queue', '/secretariat/designations'],
      ['rooms', '/secretariat/rooms?station=geneva'],
    ],
  },
];

for (const who of WHO) {
  test(`pages of the ${who.name} fit 360 px and 1280 px in fr, en and es`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    fs.mkdirSync(OUT, { recursive: true });
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ locale: 'fr-FR' });
        const page = await context.newPage();
        if (who.login) await signIn(page, who.login, PASSWORD);
        await page.setViewportSize({ width, height: 900 });
        await context.addCookies([{ name: 'i18n_pref_locale', value: lang, url: baseURL! }]);
        const pages = await who.pages(page);
        for (const [name, url] of pages) {
          await page.goto(url);
          await waitForHydration(page);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          const { scroll, inner, header } = await page.evaluate(() => {
            const bar = document.querySelector('.site-header__bar') as HTMLElement | null;
            const brand = document.querySelector('.brand') as HTMLElement | null;
            return {
              scroll: document.documentElement.scrollWidth,
              inner: window.innerWidth,
              // On a wide screen the tools sit beside the logo: the bar is one band tall.
              header: bar && brand ? bar.getBoundingClientRect().height / Math.max(brand.getBoundingClientRect().height, 1) : 0,
            };
          });
          if (scroll > inner) problems.push(`${lang} ${width}px ${name}: ${scroll}px wide`);
          if (width >= 1280 && header > 2.5) problems.push(`${lang} ${width}px ${name}: the header wraps`);
          await page.screenshot({ path: path.join(OUT, `${who.name}-${name}-${lang}-${width}.png`), fullPage: true });
        }
        await context.close();
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
