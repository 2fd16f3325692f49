import type { Language as SharedLanguage } from '@bokujo/shared';
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type access from '../locales/en/access.json';
import type auth from '../locales/en/auth.json';
import type clusters from '../locales/en/clusters.json';
import type common from '../locales/en/common.json';
import type deploy from '../locales/en/deploy.json';
import type pods from '../locales/en/pods.json';
import type providers from '../locales/en/providers.json';
import type settings from '../locales/en/settings.json';
import type storage from '../locales/en/storage.json';
import type system from '../locales/en/system.json';
import type workloads from '../locales/en/workloads.json';
import type yaml from '../locales/en/yaml.json';

export const languages = ['en', 'ja'] as const satisfies readonly SharedLanguage[];
export type Language = (typeof languages)[number];
export const defaultNamespace = 'common';
export const languageStorageKey = 'bokujo.language';

/** English is the source catalog: its shape types every `t()` key. */
export interface Catalog {
  access: typeof access;
  auth: typeof auth;
  clusters: typeof clusters;
  common: typeof common;
  deploy: typeof deploy;
  pods: typeof pods;
  providers: typeof providers;
  settings: typeof settings;
  storage: typeof storage;
  system: typeof system;
  workloads: typeof workloads;
  yaml: typeof yaml;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNamespace;
    resources: Catalog;
  }
}

const catalogFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });

/** `{ en: { common: {...}, settings: {...} }, ja: {...} }` from the files under locales/. */
export function loadResources() {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, module] of Object.entries(catalogFiles)) {
    const [, language, namespace] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!language || !namespace) continue;
    (resources[language] ??= {})[namespace] = module.default;
  }
  return resources;
}

export function isLanguage(value: string | undefined): value is Language {
  return languages.some((language) => language === value);
}

export async function initI18n(instance = i18next) {
  await instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: loadResources(),
      supportedLngs: languages,
      nonExplicitSupportedLngs: true,
      fallbackLng: 'en',
      defaultNS: defaultNamespace,
      ns: Object.keys(loadResources()['en'] ?? {}),
      interpolation: { escapeValue: false },
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: languageStorageKey,
        caches: ['localStorage'],
      },
      returnNull: false,
    });
  syncDocumentLanguage(instance.resolvedLanguage);
  instance.on('languageChanged', syncDocumentLanguage);
  return instance;
}

function syncDocumentLanguage(language: string | undefined) {
  if (typeof document !== 'undefined' && language) document.documentElement.lang = language;
}
