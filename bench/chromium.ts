import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium driven by playwright-core (no browser download). Background networking is off: this
 * machine's network is closed, and a page must not need it anyway.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
