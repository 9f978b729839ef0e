import tr from '../i18n/tr.json';
import en from '../i18n/en.json';
import { load, save } from './storage';

export type Key = keyof typeof tr;
export type Lang = 'tr' | 'en';

// Both files must carry every key: these two assignments fail to compile otherwise.
const english: Record<Key, string> = en;
const turkish: Record<keyof typeof en, string> = tr;
const texts: Record<Lang, Record<string, string>> = { tr: turkish, en: english };

const CHOICE = 'ws.lang';
let current: Lang = 'tr';
const listeners: (() => void)[] = [];

/** The person's own choice wins; else the event's language; else Turkish. */
export function initLanguage(eventLanguage?: string | null): Lang {
  const chosen = load<string | null>(CHOICE, null);
  current = chosen === 'en' || chosen === 'tr' ? chosen : eventLanguage === 'en' ? 'en' : 'tr';
  document.documentElement.lang = current;
  return current;
}

export function hasChosenLanguage(): boolean {
  return load<string | null>(CHOICE, null) !== null;
}

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  current = lang;
  save(CHOICE, lang);
  document.documentElement.lang = lang;
  applyStatic();
  for (const listener of listeners) {
    listener();
  }
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

export function locale(): string {
  return current === 'tr' ? 'tr-TR' : 'en-GB';
}

/** The text for key; {name} placeholders are filled, numbers formatted for the language. */
export function t(key: Key, params?: Record<string, string | number>): string {
  const text = texts[current][key] ?? texts.tr[key] ?? key;
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? num(value) : value;
  });
}

/** Plural form: key + ".one" or ".other" chosen by the language's rules, with {n}. */
export function tn(key: string, n: number, params?: Record<string, string | number>): string {
  const form = new Intl.PluralRules(locale()).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as Key, { n, ...params });
}

export function num(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** Case changes follow the language: "i" becomes "İ" in Turkish. */
export function upper(text: string): string {
  return text.toLocaleUpperCase(locale());
}

/** An event date "2021-11-25" (a calendar day, no time zone). */
export function formatDay(day: string | null | undefined): string {
  if (!day) {
    return '';
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) {
    return day;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Texts of the static HTML: data-i18n (text), data-i18n-label (aria-label), data-i18n-placeholder. */
export function applyStatic(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as Key);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel as Key));
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]').forEach((el) => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder as Key));
  });
  document.title = t((document.body.dataset.title as Key | undefined) ?? 'app.name');
}
