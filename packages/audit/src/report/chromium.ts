/**
 * How headless Chromium is launched to print an HTML page (the board pack to PDF, the
 * dashboard in its tests): the system's browser at `executablePath`, no sandbox, no GPU and
 * none of the background traffic a desktop browser makes. The options of playwright-core's
 * `chromium.launch`.
 *
 * @example
 * const browser = await chromium.launch(headlessChromium('/usr/bin/chromium'));
 */
export function headlessChromium(executablePath: string): {
  readonly executablePath: string;
  readonly headless: true;
  readonly args: string[];
} {
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
