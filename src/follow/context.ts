/**
 * Where the reader is: inside WeChat's or LINE's in-app browser, in a phone browser, or on a
 * desktop. Decides which follow action the page shows first; never hides the others.
 */

/** The reading context a follow card adapts to. */
export type FollowContext = 'wechat' | 'line' | 'mobile' | 'desktop';

/** What the browser knows about its screen, where the User-Agent alone cannot tell. */
export interface ViewportHint {
  /** `navigator.maxTouchPoints`. */
  maxTouchPoints?: number;
}

/**
 * The follow context of a browser from its User-Agent (and viewport where the UA hides a tablet).
 *
 * Self-contained on purpose: the follow card's inline script embeds this function's source
 * (`detectInAppBrowser.toString()`), so it must not reference anything outside itself.
 */
export function detectInAppBrowser(userAgent: string, viewport?: ViewportHint): FollowContext {
  // WeChat on every platform (iOS, Android, Windows, macOS) and WeCom say "MicroMessenger".
  if (/MicroMessenger\//i.test(userAgent)) return 'wechat';
  // LINE's in-app browser appends " Line/<version>"; a bare "line/" inside other tokens does not count.
  if (/ Line\/\d/.test(userAgent)) return 'line';
  if (/Mobi|Android|iPhone|iPad|iPod|Windows Phone|HarmonyOS/i.test(userAgent)) return 'mobile';
  // iPadOS 13+ sends a desktop Safari User-Agent; its touch screen gives it away. Plain ES2015
  // here (no optional chaining): this source also runs in older in-app WebViews.
  const touchPoints = viewport && viewport.maxTouchPoints ? viewport.maxTouchPoints : 0;
  if (/Macintosh/.test(userAgent) && touchPoints > 1) return 'mobile';
  return 'desktop';
}
