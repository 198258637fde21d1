/** Waits until `check` holds, looking every 10 ms; fails after `limitMs` naming `what`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean> | boolean,
  limitMs = 20_000,
): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
