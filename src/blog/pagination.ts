/** Posts on each page of the home list; pages past the first get their own URL (/page/2/, …). */
export const POSTS_PER_PAGE = 10;

export interface ListPage<T> {
  /** 1-based page number. */
  number: number;
  total: number;
  items: T[];
  previous: number | undefined;
  next: number | undefined;
}

/** Split `items` into pages of `pageSize`. An empty list still has one (empty) page: the home page always exists. */
export function paginate<T>(items: readonly T[], pageSize: number = POSTS_PER_PAGE): ListPage<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`page size must be a positive integer, got ${pageSize}`);
  const total = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    return {
      number,
      total,
      items: items.slice(index * pageSize, number * pageSize),
      previous: number > 1 ? number - 1 : undefined,
      next: number < total ? number + 1 : undefined,
    };
  });
}
