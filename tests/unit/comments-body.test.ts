import { describe, expect, it } from 'vitest';
import { countLinks, normalizeCommentText, renderCommentBody } from '../../src/comments/body.ts';

describe('renderCommentBody', () => {
  it('keeps paragraphs and line breaks of plain text', () => {
    expect(renderCommentBody('First line\nsecond line\n\n\nNew paragraph')).toEqual([
      [[{ type: 'text', text: 'First line' }], [{ type: 'text', text: 'second line' }]],
      [[{ type: 'text', text: 'New paragraph' }]],
    ]);
  });

  it('makes http and https URLs links, leaving the sentence punctuation outside', () => {
    expect(renderCommentBody('See https://example.com/a?b=1, or http://example.org.')).toEqual([
      [
        [
          { type: 'text', text: 'See ' },
          { type: 'link', href: 'https://example.com/a?b=1', text: 'https://example.com/a?b=1' },
          { type: 'text', text: ', or ' },
          { type: 'link', href: 'http://example.org/', text: 'http://example.org' },
          { type: 'text', text: '.' },
        ],
      ],
    ]);
  });

  it('keeps a closing parenthesis that belongs to the URL and drops one that closes the sentence', () => {
    const links = (text: string) =>
      renderCommentBody(text)
        .flat(2)
        .filter((piece) => piece.type === 'link')
        .map((piece) => piece.text);
    expect(links('(see https://en.wikipedia.org/wiki/WeChat_(app))')).toEqual([
      'https://en.wikipedia.org/wiki/WeChat_(app)',
    ]);
    expect(links('(see https://example.com/x)')).toEqual(['https://example.com/x']);
  });

  it('ends a URL at Chinese punctuation', () => {
    const pieces = renderCommentBody('请看https://example.com/微信，谢谢').flat(2);
    expect(pieces.find((piece) => piece.type === 'link')?.text).toBe('https://example.com/微信');
    expect(pieces.at(-1)).toEqual({ type: 'text', text: '，谢谢' });
  });

  it('never links javascript:, data: or other schemes, and keeps markup as text', () => {
    const text =
      'javascript:alert(1) data:text/html,<b>x</b> <a href="javascript:alert(1)" onclick="x()">y</a> <script>alert(1)</script>';
    const pieces = renderCommentBody(text).flat(2);
    expect(pieces).toEqual([{ type: 'text', text }]);
  });

  it('keeps emoji, zero-width joiners and right-to-left overrides as text', () => {
    const text = 'مرحبا \u202Egnp.exe\u202C 👩‍👩‍👧 zero\u200Bwidth';
    expect(renderCommentBody(text)).toEqual([[[{ type: 'text', text }]]]);
  });
});

describe('normalizeCommentText', () => {
  it('unifies newlines, drops control characters and trims blank edges', () => {
    expect(normalizeCommentText('\r\n\r\nHello\u0000 there  \r\nbye\u0007\n\n')).toBe('Hello there\nbye');
  });
});

describe('countLinks', () => {
  it('counts the links a reader would see', () => {
    expect(countLinks('no links here')).toBe(0);
    expect(countLinks('https://a.example http://b.example https://c.example/x')).toBe(3);
    expect(countLinks('javascript:alert(1) ftp://x.example')).toBe(0);
  });
});
