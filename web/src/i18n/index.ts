/**
 * UI translations: one JSON dictionary per language (same keys everywhere, checked by
 * test/serve/i18n.test.ts). The chosen language is remembered in localStorage and set on
 * <html lang>, so screen readers and fonts handle Vietnamese diacritics properly.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './en.json';
import fr from './fr.json';
import vi from './vi.json';

export type UiLang = 'en' | 'fr' | 'vi';
export const UI_LANGS: UiLang[] = ['en', 'fr', 'vi'];
export type Key = keyof typeof en;

const DICTS: Record<UiLang, Record<Key, string>> = { en, fr, vi };
const NATIVE: Record<UiLang, string> = { en: 'English', fr: 'Français', vi: 'Tiếng Việt' };

export function nativeName(l: UiLang): string {
  return NATIVE[l];
}

export function translate(lang: UiLang, key: Key, params?: Record<string, string | number>): string {
  let s = DICTS[lang][key] ?? DICTS.en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Translate a key that is built at runtime (e.g. `status.${value}`), falling back to the value. */
export function translateDynamic(lang: UiLang, key: string, fallback: string): string {
  return (DICTS[lang] as Record<string, string>)[key] ?? fallback;
}

const STORAGE_KEY = 'coopwatch.uiLang';

export function initialLang(): UiLang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (UI_LANGS as string[]).includes(saved)) return saved as UiLang;
  } catch {
    /* storage may be disabled */
  }
  const nav = (navigator.language || 'en').slice(0, 2);
  return (UI_LANGS as string[]).includes(nav) ? (nav as UiLang) : 'en';
}

export function rememberLang(l: UiLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l;
}

export interface I18nValue {
  lang: UiLang;
  setLang: (l: UiLang) => void;
  t: (key: Key, params?: Record<string, string | number>) => string;
  /** Label of a vocabulary value: `${prefix}.${value}` if translated, else the value itself. */
  tv: (prefix: string, value: string) => string;
  fmt: (n: number) => string;
}

export const I18n = createContext<I18nValue>(null as unknown as I18nValue);

export function useI18n(): I18nValue {
  return useContext(I18n);
}

export function makeI18n(lang: UiLang, setLang: (l: UiLang) => void): I18nValue {
  const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : lang === 'fr' ? 'fr-FR' : 'en-GB');
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    tv: (prefix, value) => translateDynamic(lang, `${prefix}.${value}`, value),
    fmt: (n) => nf.format(n),
  };
}
