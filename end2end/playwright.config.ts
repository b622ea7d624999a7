import { defineConfig } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';
// The SMTP sink passerelle delivers to, and where the tests read the mail (support/mail-sink.mjs).
export const smtpPort = process.env.E2E_SMTP_PORT ?? '3125';
export const mailPort = process.env.E2E_MAIL_PORT ?? '3126';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    // Chromium's own Accept-Language would otherwise be en-US; French is the product's default.
    locale: 'fr-FR',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: 'node support/mail-sink.mjs',
      url: `http://127.0.0.1:${mailPort}/health`,
      reuseExistingServer: false,
      timeout: 20_000,
      env: { E2E_SMTP_PORT: smtpPort, E2E_MAIL_PORT: mailPort },
    },
    {
      command: `bash ../scripts/e2e-server ${port}`,
      url: `http://127.0.0.1:${port}/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
    },
  ],
});
