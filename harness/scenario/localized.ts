// Text a scenario may give per language: a plain string (the same for every language) or { en, nb }.

type Localized = string | { en: string; nb: string };

/** The text in `lang`, falling back to English. */
function localized(text: Localized, lang: 'en' | 'nb'): string {
  return typeof text === 'string' ? text : text[lang];
}

export { localized };
export type { Localized };
