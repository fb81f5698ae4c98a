/**
 * The follow channels (WeChat and LINE): how an account is configured, validated and turned into
 * the URL a button opens or a QR code encodes. Pure: no Astro, no I/O.
 */
import { z } from 'zod';

/** The channels a reader can follow syENGAGE on, in the order the site shows them. */
export const followChannels = ['wechat', 'line'] as const;
export type FollowChannel = (typeof followChannels)[number];

export function isFollowChannel(value: unknown): value is FollowChannel {
  return typeof value === 'string' && (followChannels as readonly string[]).includes(value);
}

// LINE IDs: basic IDs look like "@123abcde", premium IDs are chosen by the brand; both are
// lower-case letters, digits, ".", "-" and "_" after the "@" (LINE lower-cases what people type).
const LINE_ID = /^@[a-z0-9._-]{1,20}$/;
// A lin.ee short link from the LINE Official Account Manager ("Gain friends" → "Add friend button").
const LIN_EE = /^https:\/\/lin\.ee\/[A-Za-z0-9_-]+$/;

/** LINE: the account's ID (`@syengage`) or its `https://lin.ee/…` add-friend link. */
export const lineAccountSchema = z.object({
  /** `@id`, or a `https://lin.ee/…` link copied from LINE Official Account Manager. */
  account: z
    .string()
    .trim()
    .refine((value) => LINE_ID.test(value) || LIN_EE.test(value), {
      message:
        'expected a LINE ID like "@syengage" (lower-case letters, digits, ".", "-", "_") or a link like "https://lin.ee/AbC123"',
    }),
  /** Name shown next to the code, e.g. "syENGAGE". */
  displayName: z.string().trim().min(1),
});

// WeChat IDs: 6–20 characters, starting with a letter; letters, digits, "-" and "_". The original
// ID of an official account ("gh_" + 12 hex digits) fits the same pattern.
const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;

/** WeChat: the account ID readers search for, and the URL its official QR code encodes. */
export const wechatAccountSchema = z.object({
  /** The WeChat ID (微信号) readers can search for, e.g. "syengage". */
  id: z
    .string()
    .trim()
    .regex(WECHAT_ID, 'expected a WeChat ID: 6–20 letters, digits, "-" or "_", starting with a letter'),
  /**
   * The URL inside the official QR code from the WeChat admin (mp.weixin.qq.com → 设置 → 公众号设置 →
   * 二维码), e.g. "http://weixin.qq.com/r/AbC…". The README says how to decode it.
   */
  qrUrl: z
    .url({ protocol: /^https?$/, hostname: /^(?:[a-z0-9-]+\.)*(?:weixin\.qq\.com|wechat\.com)$/ })
    .refine(
      (url) => !URL.canParse(url) || new URL(url).pathname.length > 1,
      'expected the full URL of the code, not just the host',
    ),
  /** Name shown next to the code, e.g. "syENGAGE". */
  displayName: z.string().trim().min(1),
});

/** The accounts a reader can follow, one per channel. */
export const followConfigSchema = z.object({
  wechat: wechatAccountSchema,
  line: lineAccountSchema,
  /** True while the accounts are the shipped demo values; pages then say so. */
  demo: z.boolean().default(false),
});

export type LineAccount = z.infer<typeof lineAccountSchema>;
export type WechatAccount = z.infer<typeof wechatAccountSchema>;
export type FollowConfig = z.infer<typeof followConfigSchema>;

/**
 * LINE's add-friend URL for an account: `https://line.me/R/ti/p/%40<id>` for an ID (the "@" and
 * the ID percent-encoded, as LINE documents it), or the lin.ee link unchanged.
 */
export function lineAddFriendUrl(account: string): string {
  if (LIN_EE.test(account)) return account;
  if (!LINE_ID.test(account)) throw new Error(`Not a LINE ID or lin.ee link: "${account}"`);
  return `https://line.me/R/ti/p/${encodeURIComponent(account)}`;
}

/**
 * What following on `channel` opens: LINE's add-friend URL, or the URL WeChat's official code
 * encodes (WeChat has no web link that follows an account; scanning this URL in WeChat does).
 * This is also the payload of the channel's QR code.
 */
export function buildFollowUrl(channel: FollowChannel, config: FollowConfig): string {
  return channel === 'line' ? lineAddFriendUrl(config.line.account) : config.wechat.qrUrl;
}

/** The identifier shown as text beside a channel's code: the WeChat ID, or the LINE ID / link. */
export function followHandle(channel: FollowChannel, config: FollowConfig): string {
  return channel === 'line' ? config.line.account : config.wechat.id;
}
