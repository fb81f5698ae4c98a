import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { feedStylesheet, rootCustomProperties, type FeedPageStrings } from '../../src/feed/stylesheet.ts';

const siteCss = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'styles', 'global.css'), 'utf8');
const strings: FeedPageStrings = {
  title: 'Feed <title> & more',
  heading: 'This is the “blog’s” feed',
  explain: 'Copy the address into a reader.',
  addressLabel: 'Feed address',
  postsHeading: 'Posts',
  empty: 'No posts yet.',
  visitSite: 'Visit',
};

describe('feedStylesheet', () => {
  const xsl = feedStylesheet({ lang: 'en', brand: 'syENGAGE', strings, siteCss });

  it('is well-formed XML whose root is an XSLT 1.0 stylesheet', () => {
    expect(SyntaxValidator.validate(xsl)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false }).parse(xsl)['xsl:stylesheet'];
    expect(root['@_version']).toBe('1.0');
    expect(root['@_xmlns:xsl']).toBe('http://www.w3.org/1999/XSL/Transform');
  });

  it('escapes the texts it is given', () => {
    expect(xsl).toContain('Feed &lt;title&gt; &amp; more');
    expect(xsl).not.toContain('<title> &');
  });

  it('takes the colours and fonts from the site stylesheet', () => {
    const properties = rootCustomProperties(siteCss);
    expect(properties).toContain('--color-brand: #0b6b53');
    expect(properties).toContain(':root:lang(zh-CN){');
    expect(xsl).toContain('--color-brand: #0b6b53');
  });

  it('writes <html lang> in the feed’s language', () => {
    expect(feedStylesheet({ lang: 'zh-CN', brand: 'syENGAGE', strings, siteCss })).toContain('<html lang="zh-CN">');
  });
});
