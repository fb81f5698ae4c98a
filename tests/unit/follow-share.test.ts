import { describe, expect, it } from 'vitest';
import { buildShareUrl } from '../../src/follow/share.ts';

describe('buildShareUrl', () => {
  it('tags a post URL for WeChat QR scans, campaign = the post', () => {
    expect(buildShareUrl('https://www.syengage.com', '/blog/designing-a-follow-flow/', 'designing-a-follow-flow')).toBe(
      'https://www.syengage.com/blog/designing-a-follow-flow/?utm_source=wechat&utm_medium=qr&utm_campaign=designing-a-follow-flow',
    );
  });

  it('keeps the locale prefix of a translated post', () => {
    expect(buildShareUrl('https://www.syengage.com', '/zh-cn/blog/line-for-brands/', 'line-for-brands')).toBe(
      'https://www.syengage.com/zh-cn/blog/line-for-brands/?utm_source=wechat&utm_medium=qr&utm_campaign=line-for-brands',
    );
  });

  it('lower-cases the campaign so one post is one row in analytics', () => {
    expect(new URL(buildShareUrl('https://x.test', '/a/', ' My-Post ')).searchParams.get('utm_campaign')).toBe(
      'my-post',
    );
  });

  it('encodes characters that are not safe in a query', () => {
    const url = new URL(buildShareUrl('https://x.test', '/a/', 'a&b c'));
    expect(url.searchParams.get('utm_campaign')).toBe('a&b c');
    expect(url.searchParams.get('utm_medium')).toBe('qr');
  });

  it('rejects a relative path or an empty campaign', () => {
    expect(() => buildShareUrl('https://x.test', 'blog/a/', 'a')).toThrow(/starting with "\/"/);
    expect(() => buildShareUrl('https://x.test', '/a/', '  ')).toThrow(/campaign/);
  });
});
