const elementCounts = new WeakMap<object, number>();

/**
 * A fresh id prefix for one follow card or share box: a page can hold several (a post with two
 * `<AddUs>`), and ids must be unique. Counted per page (`page` is the render's `Astro.locals`), so
 * a page's ids do not depend on which pages were rendered before it: an incremental build, which
 * renders only some pages, writes the same HTML as a full build.
 */
export function nextElementId(prefix: string, page: object): string {
  const count = (elementCounts.get(page) ?? 0) + 1;
  elementCounts.set(page, count);
  return `${prefix}-${count}`;
}
