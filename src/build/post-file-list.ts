/**
 * The PNGs every post has next to it: its share QR code (`/blog/<slug>/qr.png`) and its social card
 * (`/blog/<slug>/social-card.png`), in each language. They are not Astro routes: the post-files step
 * (src/build/post-files.ts) produces them beside Astro's render, cached by content, and writes them
 * into dist/. This module says which files a build has and what each shows, from the route table;
 * it runs inside Astro's bundle (the build hands the list over) and in the dev server (per request).
 */
import type { Post } from '../blog/collection.ts';
import { postShareUrl } from '../follow/post-share.ts';
import { qrPngSizes } from '../follow/qr-sizes.ts';
import type { Locale } from '../i18n/locales.ts';
import type { RouteEntry } from '../routes/table.ts';
import type { SocialCardContent } from '../social/card.ts';
import { postCardContent } from '../social/content.ts';

/** One per-post PNG: its site path and everything it shows (the same content always gives the same bytes). */
export type PostFile =
  | { kind: 'qr'; path: string; payload: string; minWidth: number }
  | { kind: 'card'; path: string; card: SocialCardContent };

type PostEntry = RouteEntry<{ locale: Locale; post: Post }>;

/** The post PNGs of a build, from its route table's `postQr` and `postSocialCard` rows. */
export function postFilesOf(routes: {
  postQr: readonly PostEntry[];
  postSocialCard: readonly PostEntry[];
}): PostFile[] {
  return [
    ...routes.postQr.map(({ path, props }): PostFile => ({
      kind: 'qr',
      path,
      payload: postShareUrl(props.post),
      minWidth: qrPngSizes.screen,
    })),
    ...routes.postSocialCard.map(({ path, props }): PostFile => ({
      kind: 'card',
      path,
      card: postCardContent(props.locale, props.post.data.title),
    })),
  ];
}

// The integration and Astro's bundle load separate copies of this module: they meet on globalThis.
const RECEIVER = Symbol.for('syengage.postFiles.receiver');
type Receiver = (files: readonly PostFile[]) => void;

/**
 * Hand the build's post PNGs to the post-files step, which starts producing them at once. Called
 * when the route table is first computed (from the first route's `getStaticPaths`: Astro asks every
 * route for its paths before it renders any page). Without the step (vitest, `astro check`) a no-op.
 */
export function handOverPostFiles(files: readonly PostFile[]): void {
  ((globalThis as Record<symbol, unknown>)[RECEIVER] as Receiver | undefined)?.(files);
}

/** Where handed-over lists go during a build (undefined: nowhere). */
export function receivePostFiles(receiver: Receiver | undefined): void {
  (globalThis as Record<symbol, unknown>)[RECEIVER] = receiver;
}
