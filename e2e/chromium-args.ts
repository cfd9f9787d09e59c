/**
 * Flags for Debian's Chromium on our machines (PEERS.md): no sandbox as root, no GPU, and none of
 * the background network traffic that a closed network refuses at every start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
