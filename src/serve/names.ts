/**
 * Display names of party codes in the three UI languages. Countries (ISO 3166-1 alpha-3) are
 * named by i18n-iso-countries; organisations (EU, ASEAN…) keep the name the extractor recorded.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
interface Countries {
  registerLocale(data: unknown): void;
  isValid(code: string): boolean;
  getName(code: string, lang: string): string | undefined;
}
const countries = require('i18n-iso-countries') as Countries;
for (const l of ['en', 'fr', 'vi']) countries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));

export type PartyKind = 'country' | 'organisation';
export interface Names {
  en: string;
  fr: string;
  vi: string;
}

export function partyKind(code: string): PartyKind {
  return /^[A-Z]{3}$/.test(code) && countries.isValid(code) ? 'country' : 'organisation';
}

export function partyNames(code: string, recorded: string | null = null): Names {
  if (partyKind(code) === 'country') {
    const get = (l: string) => countries.getName(code, l) ?? recorded ?? code;
    return { en: get('en'), fr: get('fr'), vi: get('vi') };
  }
  const n = recorded ?? code;
  return { en: n, fr: n, vi: n };
}
