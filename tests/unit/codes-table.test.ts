import { describe, expect, it } from 'vitest';
import {
  buildCodeTable,
  codeNameFromPath,
  codeTableJsonText,
  followCodePayload,
  parseCodeTableJson,
  parseFlyerCodes,
  postCodeName,
  scanPagePath,
  scanUrl,
  tagTarget,
} from '../../src/codes/code-table.ts';
import type { FollowConfig } from '../../src/follow/channels.ts';

const SITE = 'https://www.syengage.com';
const follow: FollowConfig = {
  demo: false,
  wechat: { id: 'syengage', qrUrl: 'http://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4', displayName: 'syENGAGE' },
  line: { account: '@syengage', displayName: 'syENGAGE' },
};

describe('scan URLs', () => {
  it('are short first-party URLs under /q/', () => {
    expect(scanUrl(SITE, 'line')).toBe('https://www.syengage.com/q/line');
    expect(scanUrl('http://127.0.0.1:4321', 'spring-fair')).toBe('http://127.0.0.1:4321/q/spring-fair');
    expect(scanPagePath('spring-fair')).toBe('/q/spring-fair/');
  });

  it('refuse names that would need encoding or could climb out of /q/', () => {
    for (const name of ['', 'Line', '../admin', 'a/b', '-a', 'a-', 'a b', '微信', 'x'.repeat(61)]) {
      expect(() => scanUrl(SITE, name), name).toThrow(/Not a code name/);
    }
  });

  it('are read back from request paths, with or without the trailing slash, and nothing deeper', () => {
    expect(codeNameFromPath('/q/line')).toBe('line');
    expect(codeNameFromPath('/q/line/')).toBe('line');
    expect(codeNameFromPath('/q/flyer-follow/qr.png')).toBeNull();
    expect(codeNameFromPath('/q/')).toBeNull();
    expect(codeNameFromPath('/q/LINE')).toBeNull();
    expect(codeNameFromPath('/blog/q/line')).toBeNull();
    expect(codeNameFromPath('/q/%2e%2e')).toBeNull();
  });

  it('name a post’s share code after its translation key, the default locale without a suffix', () => {
    expect(postCodeName('en', 'line-for-brands')).toBe('line-for-brands');
    expect(postCodeName('zh-cn', 'line-for-brands')).toBe('line-for-brands-zh-cn');
  });

  it('wrap LINE’s follow code but leave WeChat’s the official URL', () => {
    expect(followCodePayload('line', follow, SITE)).toBe('https://www.syengage.com/q/line');
    expect(followCodePayload('wechat', follow, SITE)).toBe('http://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4');
  });
});

describe('tagTarget', () => {
  it('makes site paths absolute and sets the UTM tags, keeping other parameters and the hash', () => {
    expect(tagTarget(SITE, '/zh-cn/follow/', { source: 'print', medium: 'qr', campaign: 'fair' })).toBe(
      'https://www.syengage.com/zh-cn/follow/?utm_source=print&utm_medium=qr&utm_campaign=fair',
    );
    expect(
      tagTarget(SITE, 'https://shop.example.com/a?ref=x&utm_source=old#top', {
        source: 'print',
        medium: 'qr',
        campaign: 'c',
      }),
    ).toBe('https://shop.example.com/a?ref=x&utm_source=print&utm_medium=qr&utm_campaign=c#top');
  });

  it('leaves the target alone without tags', () => {
    expect(tagTarget(SITE, 'https://line.me/R/ti/p/%40syengage', null)).toBe('https://line.me/R/ti/p/%40syengage');
  });
});

describe('parseFlyerCodes (content/codes.yml)', () => {
  it('applies the defaults: source print, medium qr, campaign the name', () => {
    expect(
      parseFlyerCodes({
        'spring-fair': { target: '/follow/' },
        partner: { target: 'https://example.com/p', utm: false },
        c: { target: '/', source: 'poster', campaign: 'Q4.fair' },
      }),
    ).toEqual([
      { name: 'spring-fair', target: '/follow/', utm: { source: 'print', medium: 'qr', campaign: 'spring-fair' } },
      { name: 'partner', target: 'https://example.com/p', utm: null },
      { name: 'c', target: '/', utm: { source: 'poster', medium: 'qr', campaign: 'Q4.fair' } },
    ]);
  });

  it('takes an empty file as no codes', () => {
    expect(parseFlyerCodes(null)).toEqual([]);
  });

  it('names the file, the code and the field of every problem', () => {
    const attempt = () =>
      parseFlyerCodes({
        'Spring Fair': { target: '/follow/' },
        nowhere: {},
        relative: { target: 'follow/' },
        script: { target: 'javascript:alert(1)' },
        'protocol-relative': { target: '//evil.example/' },
        typo: { target: '/', campain: 'x' },
        spaces: { target: '/', source: 'a b' },
      });
    expect(attempt).toThrow(/^content\/codes\.yml is invalid:/);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('Spring Fair: the code name must be lower-case letters');
    expect(message).toContain('nowhere.target: expected a site path such as "/follow/"');
    expect(message).toContain('relative.target: expected a site path');
    expect(message).toContain('script.target: expected a site path');
    expect(message).toContain('typo.(entry): unknown field "campain"');
    expect(message).toContain('spaces.source: letters, digits');
    expect(message).toContain('protocol-relative.target: expected a site path');
  });

  it('refuses a list instead of a map, with an example', () => {
    expect(() => parseFlyerCodes([{ target: '/' }])).toThrow(/content\/codes\.yml: expected code names as keys/);
  });
});

describe('buildCodeTable', () => {
  const posts = [
    { locale: 'en' as const, translationKey: 'line-for-brands', path: '/blog/line-for-brands/' },
    { locale: 'zh-cn' as const, translationKey: 'line-for-brands', path: '/zh-cn/blog/line-for-brands/' },
  ];

  it('lists LINE, each post in each language (tagged as its share code was) and the flyers, by name', () => {
    const table = buildCodeTable({
      siteUrl: SITE,
      follow,
      posts,
      flyers: parseFlyerCodes({ fair: { target: '/zh-cn/follow/' } }),
    });
    expect(table).toEqual([
      {
        name: 'fair',
        kind: 'flyer',
        target: 'https://www.syengage.com/zh-cn/follow/?utm_source=print&utm_medium=qr&utm_campaign=fair',
      },
      { name: 'line', kind: 'follow', target: 'https://line.me/R/ti/p/%40syengage' },
      {
        name: 'line-for-brands',
        kind: 'post',
        target:
          'https://www.syengage.com/blog/line-for-brands/?utm_source=wechat&utm_medium=qr&utm_campaign=line-for-brands',
      },
      {
        name: 'line-for-brands-zh-cn',
        kind: 'post',
        target:
          'https://www.syengage.com/zh-cn/blog/line-for-brands/?utm_source=wechat&utm_medium=qr&utm_campaign=line-for-brands',
      },
    ]);
    expect(table.map((code) => code.name)).not.toContain('wechat');
  });

  it('refuses two codes with one name, naming both', () => {
    expect(() =>
      buildCodeTable({ siteUrl: SITE, follow, posts, flyers: parseFlyerCodes({ line: { target: '/' } }) }),
    ).toThrow(/Two QR codes are named "line": LINE's add-friend code and content\/codes\.yml → line/);
    expect(() =>
      buildCodeTable({
        siteUrl: SITE,
        follow,
        posts,
        flyers: parseFlyerCodes({ 'line-for-brands-zh-cn': { target: '/' } }),
      }),
    ).toThrow(/the share code of \/zh-cn\/blog\/line-for-brands\/ and content\/codes\.yml/);
  });

  it('round-trips through the JSON the build writes for the server', () => {
    const table = buildCodeTable({ siteUrl: SITE, follow, posts, flyers: [] });
    expect(parseCodeTableJson(codeTableJsonText(table), 'scan-codes.json')).toEqual(table);
    expect(() =>
      parseCodeTableJson('{"codes":[{"name":"../x","kind":"post","target":"https://a.b/"}]}', 'dist/scan-codes.json'),
    ).toThrow(/dist\/scan-codes\.json is invalid: codes\.0\.name/);
    expect(() => parseCodeTableJson('{', 'dist/scan-codes.json')).toThrow(/dist\/scan-codes\.json is not JSON/);
  });
});
