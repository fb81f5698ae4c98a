import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { distDir, fileForUrl, readDist, requireBuild } from './dist-files.ts';
import { THREADS_FILE_NAME, loadThreadList } from '../../src/comments/threads.ts';
import { localeKeys, locales } from '../../src/i18n/locales.ts';
import { useTranslations } from '../../src/i18n/translate.ts';
import { localePath } from '../../src/routes/table.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

// Read back by a feed reader's parser (@rowanmanning/feed-parser, as feed readers use), not by our own regexes:
// a feed that parsers cannot read, or that loses its language, titles, links or dates, fails here.
describe.each(localeKeys)('the %s RSS feed as a feed reader reads it', (locale) => {
  const feedPath = localePath('rss', locale);
  const read = () => parseFeed(readDist(feedPath.slice(1)));
  // The build's list of published posts, with each one's title and path per locale.
  const published = () =>
    [...loadThreadList(join(distDir, THREADS_FILE_NAME)).posts.values()].flatMap((byLocale) => {
      const post = byLocale[locale];
      return post ? [post] : [];
    });

  it('has the title, language and home link of its locale', () => {
    const feed = read();
    expect(feed.title).toBe(useTranslations(locale)('rss.title', { brand: siteConfig.brand }));
    expect(feed.description).toBe(useTranslations(locale)('rss.description'));
    expect(feed.language).toBe(locales[locale].lang);
    expect(feed.url).toBe(new URL(localePath('home', locale), siteConfig.siteUrl).href);
  });

  it('lists every published post of its locale once, newest first, with its title, link, date and author', () => {
    const feed = read();
    const posts = published();
    expect(posts.length).toBeGreaterThan(0);
    expect(feed.items.map((item) => item.url).sort()).toEqual(
      posts.map((post) => new URL(post.path, siteConfig.siteUrl).href).sort(),
    );

    for (const item of feed.items) {
      const post = posts.find((candidate) => new URL(candidate.path, siteConfig.siteUrl).href === item.url);
      expect(item.title, item.url ?? '').toBe(post?.title);
      const page = fileForUrl(item.url ?? '');
      expect(page, `${item.url} is a built page`).not.toBeNull();
      // The date readers see in the feed is the date on the post page.
      const pageDate = /<time datetime="(\d{4}-\d{2}-\d{2})"/.exec(readDist(page ?? ''))?.[1];
      expect(item.published?.toISOString().slice(0, 10), item.url ?? '').toBe(pageDate);
      expect(item.authors.map((author) => author.name)).not.toEqual([]);
    }
    const times = feed.items.map((item) => item.published?.getTime() ?? Number.NaN);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
