export type ServerUrlWarning = 'loopback' | 'notHttps';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What the server will say about a server URL, known before sending so the person can change it
 * first. The server stays the judge; its own warnings are shown after the setup.
 */
export function previewServerUrl(text: string): { valid: boolean; warnings: ServerUrlWarning[] } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { valid: false, warnings: [] };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { valid: false, warnings: [] };
  const warnings: ServerUrlWarning[] = [];
  if (loopbackHosts.has(url.hostname)) warnings.push('loopback');
  if (url.protocol === 'http:') warnings.push('notHttps');
  return { valid: true, warnings };
}

/** The server's warnings are English sentences; the two known ones are shown translated. */
export function recogniseServerWarning(text: string): ServerUrlWarning | undefined {
  if (/loopback/i.test(text)) return 'loopback';
  if (/not https/i.test(text)) return 'notHttps';
  return undefined;
}
