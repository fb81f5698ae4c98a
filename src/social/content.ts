/** What each page's social card says, and where it lives: one place for the endpoints and the <head>. */
import type { Locale } from '../i18n/locales.ts';
import { localizePath } from '../i18n/urls.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import type { SocialCardContent } from './card.ts';

export { CARD_HEIGHT, CARD_WIDTH } from './size.ts';

/** A page's card as the `<head>` names it: its path (with locale prefix) and its alt text. */
export interface SocialImage {
  path: string;
  alt: string;
}

const siteHost = () => new URL(siteConfig.siteUrl).host;

/** Path of a post's card, next to the post: `/blog/<slug>/social-card.png`. */
export function postCardPath(locale: Locale, slug: string): string {
  return localizePath(`/blog/${slug}/social-card.png`, locale);
}

/** Path of a locale's default card (home, tags, search, follow): `/social-card.png`, `/zh-cn/social-card.png`. */
export function defaultCardPath(locale: Locale): string {
  return localizePath('/social-card.png', locale);
}

/** A post's card: its title in its own language, under the site's name and "Blog". */
export function postCardContent(locale: Locale, title: string): SocialCardContent {
  return {
    title,
    locale,
    siteName: siteConfig.brand,
    siteHost: siteHost(),
    kicker: useTranslations(locale)('home.title'),
  };
}

/** The default card: the site's tagline in the locale's language. */
export function defaultCardContent(locale: Locale): SocialCardContent {
  return { title: useTranslations(locale)('site.tagline'), locale, siteName: siteConfig.brand, siteHost: siteHost() };
}

export function postSocialImage(locale: Locale, slug: string, title: string): SocialImage {
  return {
    path: postCardPath(locale, slug),
    alt: useTranslations(locale)('social.postCardAlt', { title, brand: siteConfig.brand }),
  };
}

export function defaultSocialImage(locale: Locale): SocialImage {
  const t = useTranslations(locale);
  return {
    path: defaultCardPath(locale),
    alt: t('social.defaultCardAlt', { brand: siteConfig.brand, tagline: t('site.tagline') }),
  };
}
