/** Share links for posts: the URL a post's "share into WeChat" QR code encodes. */

/** UTM tags of share codes: analytics then count scans per post. */
export const SHARE_UTM = { source: 'wechat', medium: 'qr' } as const;

/**
 * The absolute URL of a site page tagged for a share QR code:
 * `<siteUrl><path>?utm_source=wechat&utm_medium=qr&utm_campaign=<campaign>`.
 * The campaign is lower-cased, because analytics tools treat "Post" and "post" as two campaigns.
 */
export function buildShareUrl(siteUrl: string, path: string, campaign: string): string {
  const name = campaign.trim().toLowerCase();
  if (!name) throw new Error('A share URL needs a campaign name');
  if (!path.startsWith('/')) throw new Error(`A share URL needs a site path starting with "/", got "${path}"`);
  const url = new URL(path, siteUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('utm_source', SHARE_UTM.source);
  url.searchParams.set('utm_medium', SHARE_UTM.medium);
  url.searchParams.set('utm_campaign', name);
  return url.href;
}
