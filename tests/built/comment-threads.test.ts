import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnownThreads } from '../../src/comments/threads.ts';
import { attributeValues, distDir, distFiles, readDist, requireBuild } from './dist-files.ts';

beforeAll(requireBuild);

describe('comment-threads.json', () => {
  it('lists exactly the threads the built pages comment on and count', () => {
    const threads = loadKnownThreads(join(distDir, 'comment-threads.json'));
    const pages = distFiles('.html').map(readDist);
    const sections = new Set(pages.flatMap((html) => attributeValues(html, 'data-thread')));
    const counted = new Set(pages.flatMap((html) => attributeValues(html, 'data-comment-count')));
    expect(sections.size).toBeGreaterThan(0);
    expect([...threads].sort()).toEqual([...sections].sort());
    for (const thread of counted) expect(threads.has(thread), thread).toBe(true);
  });
});
