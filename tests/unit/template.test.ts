import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/i18n/template.ts';
import en from '../../src/i18n/resources/en.json';
import zhCN from '../../src/i18n/resources/zh-CN.json';

// Names a reader may type that String.prototype.replace reads as replacement patterns.
const NAMES = ['Ann $& Co', 'a $` b', "c $' d", 'Cash $$ 100', '$1 $<name> $0', '{{name}}', '$&$&$&'];

describe('fillTemplate', () => {
  it.each(NAMES)('puts %j into the reply strings exactly as typed, in both languages', (name) => {
    expect(fillTemplate(en['comments.replyTo'], { name })).toBe(`Leave a reply to ${name}`);
    expect(fillTemplate(en['comments.replyLabel'], { name })).toBe(`Reply to ${name}`);
    expect(fillTemplate(zhCN['comments.replyTo'], { name })).toBe(`回复 ${name}`);
    expect(fillTemplate(zhCN['comments.replyLabel'], { name })).toBe(`回复 ${name} 的评论`);
  });

  it('fills every placeholder it has a value for, numbers included, and leaves the others', () => {
    expect(fillTemplate('{{count}} thoughts on “{{title}}”', { title: 'A $& B' })).toBe(
      '{{count}} thoughts on “A $& B”',
    );
    expect(fillTemplate('{{count}} of {{count}}', { count: 3 })).toBe('3 of 3');
  });

  it('does not read values from the prototype', () => {
    expect(fillTemplate('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  });
});
