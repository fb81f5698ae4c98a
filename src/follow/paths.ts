import type { FollowChannel } from './channels.ts';
import type { QrPngSize } from './qr.ts';

/** Site path of a channel's QR code PNG (served by src/pages/follow/qr/[channel]-[size].png.ts). */
export function qrPngPath(channel: FollowChannel, size: QrPngSize): string {
  return `/follow/qr/${channel}-${size}.png`;
}

/** Site path of a post's share QR code PNG, next to the post (`/blog/<slug>/qr.png`). */
export function shareQrPngPath(postPagePath: string): string {
  return `${postPagePath.endsWith('/') ? postPagePath : `${postPagePath}/`}qr.png`;
}

let elementCount = 0;

/**
 * A fresh id prefix for one follow card or share box: a page can hold several (a post with two
 * `<AddUs>`), and ids must be unique. A counter rather than randomness keeps builds reproducible.
 */
export function nextElementId(prefix: string): string {
  elementCount += 1;
  return `${prefix}-${elementCount}`;
}
