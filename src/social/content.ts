/** What each page's social card says, and where it lives: one place for the endpoints and the <head>. */
import type { Locale } from '../i18n/locales.ts';
import { localePath } from '../routes/table.ts';
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
    path: localePath('postSocialCard', locale, { slug }),
    alt: useTranslations(locale)('social.postCardAlt', { title, brand: siteConfig.brand }),
  };
}

export function defaultSocialImage(locale: Locale): SocialImage {
  const t = useTranslations(locale);
  return {
    path: localePath('socialCard', locale),
    alt: t('social.defaultCardAlt', { brand: siteConfig.brand, tagline: t('site.tagline') }),
  };
}
