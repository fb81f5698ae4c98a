import { describe, expect, it } from 'vitest';
import {
  buildFollowUrl,
  followConfigSchema,
  followHandle,
  lineAddFriendUrl,
  type FollowConfig,
} from '../../src/follow/channels.ts';
import { parseSiteConfig, siteConfig } from '../../src/site.config.ts';

const validFollow = {
  wechat: { id: 'syengage', qrUrl: 'http://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4', displayName: 'syENGAGE' },
  line: { account: '@syengage', displayName: 'syENGAGE' },
};
const base = { brand: 'syENGAGE', siteUrl: 'https://www.syengage.com', defaultAuthor: 'syENGAGE' };

/** The build error for a config whose follow section has `patch` applied to one channel. */
function errorFor(channel: 'wechat' | 'line', patch: Record<string, unknown>): string {
  const follow = { ...validFollow, [channel]: { ...validFollow[channel], ...patch } };
  try {
    parseSiteConfig({ ...base, follow });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('LINE add-friend URL', () => {
  it('percent-encodes the "@" of an ID, as LINE documents it', () => {
    expect(lineAddFriendUrl('@syengage')).toBe('https://line.me/R/ti/p/%40syengage');
    expect(lineAddFriendUrl('@123abcde')).toBe('https://line.me/R/ti/p/%40123abcde');
  });

  it('keeps IDs with dots, dashes and underscores intact', () => {
    expect(lineAddFriendUrl('@sy.engage_hk-1')).toBe('https://line.me/R/ti/p/%40sy.engage_hk-1');
  });

  it('uses a lin.ee link as it is', () => {
    expect(lineAddFriendUrl('https://lin.ee/AbC123x')).toBe('https://lin.ee/AbC123x');
  });

  it('refuses anything else instead of building a broken link', () => {
    expect(() => lineAddFriendUrl('syengage')).toThrow(/LINE ID/);
  });
});

describe('buildFollowUrl and followHandle', () => {
  const config: FollowConfig = followConfigSchema.parse(validFollow);

  it('opens LINE on the account, and WeChat through the URL of its official code', () => {
    expect(buildFollowUrl('line', config)).toBe('https://line.me/R/ti/p/%40syengage');
    expect(buildFollowUrl('wechat', config)).toBe('http://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4');
  });

  it('shows the WeChat ID and the LINE ID as text', () => {
    expect(followHandle('wechat', config)).toBe('syengage');
    expect(followHandle('line', config)).toBe('@syengage');
  });

  it('treats accounts as real unless marked as demo values', () => {
    expect(config.demo).toBe(false);
  });
});

describe('follow accounts in src/site.config.ts', () => {
  it('ships demo accounts that are marked as such and valid', () => {
    expect(siteConfig.follow.demo).toBe(true);
    expect(buildFollowUrl('line', siteConfig.follow)).toMatch(/^https:\/\/line\.me\/R\/ti\/p\/%40/);
  });

  it('accepts a lin.ee link for LINE and an https WeChat code URL', () => {
    expect(errorFor('line', { account: 'https://lin.ee/AbC123x' })).toBe('no error');
    expect(errorFor('wechat', { qrUrl: 'https://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4' })).toBe('no error');
  });

  it.each([
    ['line', { account: 'syengage' }, 'follow.line.account'],
    ['line', { account: '@Sy Engage' }, 'follow.line.account'],
    ['line', { account: 'https://line.me/R/ti/p/%40syengage' }, 'follow.line.account'],
    ['line', { displayName: '' }, 'follow.line.displayName'],
    ['wechat', { id: '1syengage' }, 'follow.wechat.id'],
    ['wechat', { id: 'abc' }, 'follow.wechat.id'],
    ['wechat', { qrUrl: 'https://example.com/r/abc' }, 'follow.wechat.qrUrl'],
    ['wechat', { qrUrl: 'weixin.qq.com/r/abc' }, 'follow.wechat.qrUrl'],
    ['wechat', { qrUrl: 'http://weixin.qq.com/' }, 'follow.wechat.qrUrl'],
  ] as const)('fails the build on a malformed %s value %o, naming %s', (channel, patch, field) => {
    const message = errorFor(channel, patch);
    expect(message).toContain('src/site.config.ts is invalid');
    expect(message).toContain(`${field}:`);
  });

  it('says what a LINE account should look like', () => {
    expect(errorFor('line', { account: 'syengage' })).toMatch(/"@syengage".*"https:\/\/lin\.ee\/AbC123"/);
  });

  it('fails when the follow section is missing', () => {
    expect(() => parseSiteConfig(base)).toThrow(/follow:/);
  });
});
