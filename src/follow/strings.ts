import { defineBrowserStrings } from '../i18n/browser-strings.ts';

/** What the follow card's script says after the Copy WeChat ID button is pressed (src/follow/client.ts). */
export const followStrings = defineBrowserStrings('follow card', ['follow.wechat.copied', 'follow.wechat.copyBlocked']);
