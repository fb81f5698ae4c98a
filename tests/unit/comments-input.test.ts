import { describe, expect, it } from 'vitest';
import { isReturnPath, parseCommentInput, requestLocale } from '../../src/comments/input.ts';
import { COMMENT_LIMITS } from '../../src/comments/limits.ts';

const valid = {
  thread: 'wechat-mobile-marketing-mayhem',
  locale: 'en',
  name: 'Ada',
  email: 'Ada@Example.com',
  url: '',
  body: 'Nice post.',
};

describe('parseCommentInput', () => {
  it('accepts a complete comment and normalises it', () => {
    const result = parseCommentInput(
      { ...valid, name: '  Ada   Lovelace ', body: 'Hi\r\n\r\nthere  ', parent: '', url: ' https://ada.example ' },
      'en',
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        url: 'https://ada.example/',
        body: 'Hi\n\nthere',
        parent: null,
        locale: 'en',
      },
    });
  });

  it('names every missing required field, in English', () => {
    const result = parseCommentInput({ thread: valid.thread, locale: 'en' }, 'en');
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Please enter your name.',
        email: 'Please enter a valid email address, such as name@example.com.',
        body: 'Please write a comment.',
      },
    });
  });

  it('gives the messages in Chinese for a Chinese reader', () => {
    const result = parseCommentInput({ ...valid, name: ' ', email: 'not-an-email', locale: 'zh-cn' }, 'zh-cn');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors['name']).toBe('请填写你的姓名。');
      expect(result.errors['email']).toBe('请输入有效的电子邮箱地址，例如 name@example.com。');
    }
  });

  it('enforces the WordPress length limits and our body limit', () => {
    const tooLong = parseCommentInput(
      {
        ...valid,
        name: 'n'.repeat(COMMENT_LIMITS.name + 1),
        email: `${'e'.repeat(COMMENT_LIMITS.email)}@x.com`,
        url: `https://x.com/${'u'.repeat(COMMENT_LIMITS.url)}`,
        body: 'b'.repeat(COMMENT_LIMITS.body + 1),
      },
      'en',
    );
    expect(tooLong).toEqual({
      ok: false,
      errors: {
        name: 'Your name is too long: at most 245 characters.',
        email: 'Your email address is too long: at most 100 characters.',
        url: 'Your web address is too long: at most 200 characters.',
        body: 'Your comment is too long: at most 5000 characters.',
      },
    });
    // Limits count characters as readers do: 5000 emoji fit.
    expect(parseCommentInput({ ...valid, body: '😀'.repeat(COMMENT_LIMITS.body) }, 'en').ok).toBe(true);
  });

  it('accepts only http and https websites', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.example',
      'https://',
      'localhost',
      'example',
      'example.com:evil',
      'a b.com',
      'user@example.com',
      '//example.com',
      'javascript.example:alert(1)',
    ]) {
      const result = parseCommentInput({ ...valid, url }, 'en');
      expect(result, url).toEqual({
        ok: false,
        errors: {
          url: 'Please enter a web address such as example.com or https://example.com, or leave the field empty.',
        },
      });
    }
    expect(parseCommentInput({ ...valid, url: 'HTTP://Example.com/a' }, 'en')).toMatchObject({
      ok: true,
      value: { url: 'http://example.com/a' },
    });
  });

  it('accepts a bare domain as WordPress does, as https', () => {
    const cases = {
      'example.com': 'https://example.com/',
      ' www.Example.com/about?x=1#top ': 'https://www.example.com/about?x=1#top',
      'blog.example.co.uk:8080/path': 'https://blog.example.co.uk:8080/path',
      '例子.中国': 'https://xn--fsqu00a.xn--fiqs8s/',
    };
    for (const [typed, stored] of Object.entries(cases)) {
      expect(parseCommentInput({ ...valid, url: typed }, 'en'), typed).toMatchObject({
        ok: true,
        value: { url: stored },
      });
    }
    expect(parseCommentInput({ ...valid, url: 'example' }, 'zh-cn')).toMatchObject({
      ok: false,
      errors: { url: '请输入网址，例如 example.com 或 https://example.com，或者留空。' },
    });
  });

  it('refuses a malformed thread or parent', () => {
    const result = parseCommentInput({ ...valid, thread: '../etc', parent: '1; DROP TABLE' }, 'en');
    expect(result).toEqual({
      ok: false,
      errors: {
        thread: 'This page does not take comments.',
        parent: 'The comment you are replying to is not available any more.',
      },
    });
  });
});

describe('requestLocale and isReturnPath', () => {
  it('falls back to English for an unknown locale', () => {
    expect(requestLocale('zh-cn')).toBe('zh-cn');
    expect(requestLocale('fr')).toBe('en');
    expect(requestLocale(undefined)).toBe('en');
  });

  it('lets a form return only to a post page of this site', () => {
    expect(isReturnPath('/blog/a-post/')).toBe(true);
    expect(isReturnPath('/zh-cn/blog/a-post/')).toBe(true);
    for (const path of [
      'https://evil.example/',
      '//evil.example/blog/x/',
      '/blog/x/../../x',
      '/\\evil.example',
      '/blog/x',
    ]) {
      expect(isReturnPath(path), path).toBe(false);
    }
  });
});
