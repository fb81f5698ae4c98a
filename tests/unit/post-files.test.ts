import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostFileProducer, type Renderers } from '../../src/build/post-files.ts';
import { handOverPostFiles, postFilesOf, receivePostFiles, type PostFile } from '../../src/build/post-file-list.ts';
import { postSchema } from '../../src/blog/schema.ts';
import type { Post } from '../../src/blog/collection.ts';
import { siteRoutes } from '../../src/routes/table.ts';
import type { SocialCardContent } from '../../src/social/card.ts';
import { postCardContent } from '../../src/social/content.ts';
import { siteConfig } from '../../src/site.config.ts';

const post = (id: string, key: string, title: string) =>
  ({
    id,
    data: postSchema.parse({ title, description: 'd', pubDate: '2026-01-01', tags: ['line'], translationKey: key }),
  }) as unknown as Post;

const posts = [post('en/a', 'a', 'Same title'), post('zh-cn/a', 'a', '标题'), post('en/b', 'b', 'Same title')];

describe('postFilesOf', () => {
  it('lists a share code and a card for every post in its language, with what each shows', () => {
    const files = postFilesOf(siteRoutes({ posts, codes: [] }));
    expect(files.map((file) => file.path).sort()).toEqual([
      '/blog/a/qr.png',
      '/blog/a/social-card.png',
      '/blog/b/qr.png',
      '/blog/b/social-card.png',
      '/zh-cn/blog/a/qr.png',
      '/zh-cn/blog/a/social-card.png',
    ]);
    expect(files.find((file) => file.path === '/zh-cn/blog/a/qr.png')).toEqual({
      kind: 'qr',
      path: '/zh-cn/blog/a/qr.png',
      payload: new URL('/q/a-zh-cn', siteConfig.siteUrl).href,
      minWidth: 360,
    });
    expect(files.find((file) => file.path === '/zh-cn/blog/a/social-card.png')).toEqual({
      kind: 'card',
      path: '/zh-cn/blog/a/social-card.png',
      card: postCardContent('zh-cn', '标题'),
    });
  });

  it('hands the list to the receiver the build installed, and to nobody without one', () => {
    const got: (readonly PostFile[])[] = [];
    receivePostFiles((files) => got.push(files));
    handOverPostFiles(postFilesOf(siteRoutes({ posts, codes: [] })));
    receivePostFiles(undefined);
    handOverPostFiles([]);
    expect(got).toHaveLength(1);
    expect(got[0]).toHaveLength(6);
  });
});

describe('PostFileProducer', () => {
  const root = mkdtempSync(join(tmpdir(), 'syengage-post-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Renderers that draw a file's text and count what they were asked for. */
  function fakeRenderers(cardDir: string) {
    const asked = { qr: 0, card: 0 };
    const renderers: Renderers = {
      qr: async (payload) => {
        asked.qr += 1;
        return new TextEncoder().encode(`qr:${payload}`);
      },
      cardFile: async (card: SocialCardContent) => {
        asked.card += 1;
        const file = join(cardDir, `${card.locale}-${card.title}.png`);
        mkdirSync(cardDir, { recursive: true });
        writeFileSync(file, `card:${card.title}`);
        return file;
      },
    };
    return { asked, renderers };
  }

  const producerIn = (renderers: Renderers) =>
    new PostFileProducer({
      qrDir: join(root, 'qr'),
      cardDir: join(root, 'cards'),
      qrKeySalt: Promise.resolve('encoder-1'),
      render: renderers,
    });

  it('produces each distinct content once, writes every file into dist/, and encodes nothing the cache has', async () => {
    const files = postFilesOf(siteRoutes({ posts, codes: [] }));
    const first = fakeRenderers(join(root, 'cards'));
    const producer = producerIn(first.renderers);
    producer.start(files);
    producer.start(files); // handed over again: nothing new
    const dist = join(root, 'dist');
    expect(await producer.writeInto(dist)).toBe(6);
    expect(first.asked).toEqual({ qr: 3, card: 2 }); // two posts share a title
    expect(producer.counts.qr).toEqual({ files: 3, encoded: 3, cached: 0 });
    expect(readFileSync(join(dist, 'zh-cn/blog/a/qr.png'), 'utf8')).toBe(
      `qr:${new URL('/q/a-zh-cn', siteConfig.siteUrl).href}`,
    );
    expect(readFileSync(join(dist, 'blog/b/social-card.png'), 'utf8')).toBe('card:Same title');

    // The next build: every code from the cache; dist/ as it was is left alone, a wrong file replaced. (A file of
    // dist/ changed in place must not change the cache: with hard links instead of copies this fails.)
    writeFileSync(join(dist, 'blog/a/qr.png'), 'stale');
    const second = fakeRenderers(join(root, 'cards'));
    const again = producerIn(second.renderers);
    again.start(files);
    expect(await again.writeInto(dist)).toBe(1);
    expect(second.asked.qr).toBe(0);
    expect(again.counts.qr).toEqual({ files: 3, encoded: 0, cached: 3 });
    expect(readFileSync(join(dist, 'blog/a/qr.png'), 'utf8')).toBe(`qr:${new URL('/q/a', siteConfig.siteUrl).href}`);
    // A changed encoder (another salt) encodes again.
    const third = fakeRenderers(join(root, 'cards'));
    const changed = new PostFileProducer({
      qrDir: join(root, 'qr'),
      cardDir: join(root, 'cards'),
      qrKeySalt: Promise.resolve('encoder-2'),
      render: third.renderers,
    });
    changed.start(files);
    await changed.writeInto(join(root, 'dist-2'));
    expect(third.asked.qr).toBe(3);
    expect(existsSync(join(root, 'dist-2', 'zh-cn/blog/a/social-card.png'))).toBe(true);
  });

  it('fails the build with the renderer’s error', async () => {
    const failing: Renderers = {
      qr: async () => {
        throw new Error('no code for you');
      },
      cardFile: async () => {
        throw new Error('no glyph for "𓀀" (U+13000)');
      },
    };
    const producer = producerIn(failing);
    producer.start(postFilesOf(siteRoutes({ posts: [post('en/c', 'c', 'x')], codes: [] })));
    await expect(producer.writeInto(join(root, 'dist-3'))).rejects.toThrow(/no code for you|U\+13000/);
  });
});
