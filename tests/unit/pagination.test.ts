import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/blog/pagination.ts';
import { listPagePath } from '../../src/routes/table.ts';

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('splits into pages of the given size with previous and next', () => {
    const pages = paginate(items, 2);
    expect(pages.map((page) => page.items)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(pages.map((page) => [page.previous, page.number, page.next, page.total])).toEqual([
      [undefined, 1, 2, 3],
      [1, 2, 3, 3],
      [2, 3, undefined, 3],
    ]);
  });

  it('keeps one page when everything fits, and one empty page when there is nothing', () => {
    expect(paginate(items, 10)).toHaveLength(1);
    expect(paginate(items, 5)).toHaveLength(1);
    expect(paginate([], 10)).toEqual([{ number: 1, total: 1, items: [], previous: undefined, next: undefined }]);
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => paginate(items, 0)).toThrow(/page size/);
    expect(() => paginate(items, 1.5)).toThrow(/page size/);
  });
});

describe('listPagePath', () => {
  it('keeps the first page at the home URL and numbers the others', () => {
    expect(listPagePath('en', 1)).toBe('/');
    expect(listPagePath('en', 2)).toBe('/page/2/');
    expect(listPagePath('zh-cn', 1)).toBe('/zh-cn/');
    expect(listPagePath('zh-cn', 12)).toBe('/zh-cn/page/12/');
  });
});
