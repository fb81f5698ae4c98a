/** The route table over this build's content: what route files' `getStaticPaths` ask (Astro only: reads the collections). */
import { getPublishedPosts, type Post } from '../blog/collection.ts';
import { getCodeTable } from '../codes/site-codes.ts';
import { handOverPostFiles, postFilesOf } from '../build/post-file-list.ts';
import { siteRoutes, type SiteContent } from './table.ts';

let once: Promise<SiteContent<Post>> | undefined;

async function load(): Promise<SiteContent<Post>> {
  const [posts, codes] = await Promise.all([getPublishedPosts(), getCodeTable()]);
  return { posts, codes };
}

/** Published posts and scan codes, read once per build (per request under `astro dev`, so edits show up). */
export function getSiteContent(): Promise<SiteContent<Post>> {
  if (import.meta.env.MODE === 'development') return load();
  // The build's post PNGs start as soon as the content is known (src/build/post-files.ts).
  return (once ??= load().then((content) => {
    handOverPostFiles(postFilesOf(siteRoutes(content)));
    return content;
  }));
}

/** Every page and file of this build, by route (see `siteRoutes`). */
export async function getSiteRoutes() {
  return siteRoutes(await getSiteContent());
}
