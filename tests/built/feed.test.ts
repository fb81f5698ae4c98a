import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { fileForUrl, readDist, requireBuild } from './dist-files.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

const RSS_CHANNEL_ELEMENTS = new Set([
  'title',
  'link',
  'description',
  'language',
  'copyright',
  'managingEditor',
  'webMaster',
  'pubDate',
  'lastBuildDate',
  'category',
  'generator',
  'docs',
  'cloud',
  'ttl',
  'image',
  'rating',
  'textInput',
  'skipHours',
  'skipDays',
  'item',
]);
const RSS_ITEM_ELEMENTS = new Set([
  'title',
  'link',
  'description',
  'author',
  'category',
  'comments',
  'enclosure',
  'guid',
  'pubDate',
  'source',
]);
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  ignoreDeclaration: false,
  isArray: (name) => ['item', 'category'].includes(name),
});
const text = (value: unknown) =>
  typeof value === 'object' && value !== null ? String((value as Node)['#text'] ?? '') : String(value ?? '');

/**
 * What the RSS 2.0 specification (and the W3C feed validator's advice) finds wrong with a feed: the
 * required channel and item elements, absolute links, RFC 822 dates, unique guids, no unknown
 * un-namespaced elements, and the self link. Empty means valid.
 */
function rssProblems(xml: string, feedUrl: string, language: string): string[] {
  const problems: string[] = [];
  try {
    SyntaxValidator.validate(xml);
  } catch (error) {
    return [`not well-formed: ${(error as Error).message}`];
  }
  const rss = parser.parse(xml)['rss'] as Node | undefined;
  if (!rss) return ['no <rss> root'];
  if (rss['@_version'] !== '2.0') problems.push(`rss version is ${String(rss['@_version'])}, not 2.0`);
  const channel = rss['channel'] as Node | undefined;
  if (!channel || Array.isArray(channel)) return [...problems, 'there must be exactly one <channel>'];
  for (const required of ['title', 'link', 'description'])
    if (!text(channel[required]).trim()) problems.push(`channel has no <${required}>`);
  for (const key of Object.keys(channel))
    if (!key.startsWith('@_') && !key.includes(':') && !RSS_CHANNEL_ELEMENTS.has(key))
      problems.push(`unknown channel element <${key}>`);
  if (!/^https?:\/\//.test(text(channel['link']))) problems.push('channel link is not absolute');
  if (text(channel['language']) !== language)
    problems.push(`language is "${text(channel['language'])}", expected "${language}"`);
  const self = channel['atom:link'] as Node | undefined;
  if (!self || self['@_rel'] !== 'self' || self['@_href'] !== feedUrl || self['@_type'] !== 'application/rss+xml')
    problems.push(`atom:link rel=self is not ${feedUrl}`);
  const items = (channel['item'] as Node[] | undefined) ?? [];
  if (items.length === 0) problems.push('no items');
  const guids = new Set<string>();
  items.forEach((item, index) => {
    const where = `item ${index + 1}`;
    for (const key of Object.keys(item))
      if (!key.startsWith('@_') && !key.includes(':') && !RSS_ITEM_ELEMENTS.has(key))
        problems.push(`${where}: unknown element <${key}>`);
    if (!text(item['title']).trim() || !text(item['description']).trim())
      problems.push(`${where}: needs a title and a description`);
    const link = text(item['link']);
    if (!/^https?:\/\//.test(link)) problems.push(`${where}: link "${link}" is not absolute`);
    const guid = item['guid'] as Node | string | undefined;
    const guidText = text(guid);
    if (!guidText) problems.push(`${where}: no guid`);
    else if (guids.has(guidText)) problems.push(`${where}: guid ${guidText} repeats`);
    guids.add(guidText);
    if (typeof guid === 'object' && guid['@_isPermaLink'] === 'true' && !/^https?:\/\//.test(guidText))
      problems.push(`${where}: permalink guid is not a URL`);
    const date = text(item['pubDate']);
    if (!RFC_822.test(date) || Number.isNaN(Date.parse(date)))
      problems.push(`${where}: pubDate "${date}" is not RFC 822`);
  });
  return problems;
}

describe('RSS feeds', () => {
  const feeds = [
    { file: 'rss.xml', xsl: '/rss.xsl', language: 'en' },
    { file: 'zh-cn/rss.xml', xsl: '/zh-cn/rss.xsl', language: 'zh-CN' },
  ];

  for (const { file, xsl, language } of feeds) {
    it(`${file} is valid RSS 2.0 in ${language}`, () => {
      expect(rssProblems(readDist(file), new URL(`/${file}`, siteConfig.siteUrl).href, language)).toEqual([]);
    });

    it(`${file} points browsers to ${xsl}, a well-formed XSLT stylesheet in the feed's language`, () => {
      const xml = readDist(file);
      // The processing instruction sits in the prolog, after the XML declaration and before <rss>.
      const prolog = xml.slice(0, xml.indexOf('<rss'));
      expect(prolog).toMatch(new RegExp(`<\\?xml-stylesheet href="${xsl}" type="text/xsl"\\?>`));
      const stylesheetFile = fileForUrl(xsl);
      expect(stylesheetFile).not.toBeNull();
      const stylesheet = readDist(stylesheetFile!);
      expect(SyntaxValidator.validate(stylesheet)).toBe(true);
      const root = new XMLParser({ ignoreAttributes: false }).parse(stylesheet)['xsl:stylesheet'] as Node;
      expect(root['@_version']).toBe('1.0');
      expect(stylesheet).toContain(`<html lang="${language}">`);
    });
  }

  it('finds the mistakes it is meant to find', () => {
    const url = 'https://www.syengage.com/rss.xml';
    const good = readDist('rss.xml');
    expect(rssProblems(good, url, 'en')).toEqual([]);
    expect(rssProblems(good.replace('<rss', '<rss><oops>'), url, 'en')[0]).toMatch(/not well-formed/);
    expect(rssProblems(good.replace(/<pubDate>[^<]*<\/pubDate>/, '<pubDate>2026-11-24</pubDate>'), url, 'en')).toEqual([
      'item 1: pubDate "2026-11-24" is not RFC 822',
    ]);
    expect(
      rssProblems(good.replace(/<link>https:\/\/www\.syengage\.com\/blog\//, '<link>/blog/'), url, 'en'),
    ).toHaveLength(1);
    expect(rssProblems(good, url, 'zh-CN')).toEqual(['language is "en", expected "zh-CN"']);
  });
});
