import { existsSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { headlessChromium } from '@assure/audit';
import { CliErrors, messageOf, type UsageError } from './errors';

/** Where Chromium is looked for: `ASSURE_CHROMIUM`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env['ASSURE_CHROMIUM'] ?? '/usr/bin/chromium';
}

/**
 * Prints an HTML page to PDF with headless Chromium, driven by playwright-core (no browser
 * download: the system's Chromium). The page's own `@page` rules give the size, margins,
 * running heads and page numbers, so the PDF and a browser's print agree.
 *
 * @example
 * const pdf = await htmlToPdf(renderHtml(data)); // right: the PDF bytes
 */
export async function htmlToPdf(html: string): Promise<E.Either<UsageError, Buffer>> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    return E.left(
      CliErrors.usage(
        `--out FILE.pdf needs Chromium at ${executablePath} (install it, or set ASSURE_CHROMIUM); write FILE.html and print it instead`,
      ),
    );
  let browser;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch(headlessChromium(executablePath));
  } catch (e) {
    return E.left(
      CliErrors.usage(`Chromium at ${executablePath} would not start: ${messageOf(e)}`),
    );
  }
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return E.right(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
}
