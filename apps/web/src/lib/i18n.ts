import type { Language as SharedLanguage } from '@bokujo/shared';
import i18next, { type BackendModule, type LanguageDetectorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import initialNamespaces from '../locales/initial-namespaces.json';
import type access from '../locales/en/access.json';
import type auth from '../locales/en/auth.json';
import type clusterImport from '../locales/en/cluster-import.json';
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
  'cluster-import': typeof clusterImport;
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

// Each catalog is its own small chunk: the first page loads only its own namespaces in one
// language, the rest follow in the background (scripts/check-bundle-size.ts weighs the first set).
const catalogLoaders = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

function catalogPath(language: string, namespace: string) {
  return `../locales/${language}/${namespace}.json`;
}

/** Every namespace, named after the English files. */
export const namespaces = Object.keys(catalogLoaders).flatMap((path) => {
  const [, namespace] = /\/locales\/en\/([^/]+)\.json$/.exec(path) ?? [];
  return namespace ? [namespace] : [];
});

const catalogBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = catalogLoaders[catalogPath(language, namespace)];
    if (!load) {
      callback(new Error(`there is no ${language}/${namespace} catalog`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * The language chosen earlier in this browser, else the browser's own preference; the choice is kept
 * for the next visit. (Two sources only, so i18next's detector interface is used directly rather than
 * the detector package, which weighs more than the rest of the first page's catalogs.)
 */
const browserLanguage: LanguageDetectorModule = {
  type: 'languageDetector',
  detect: () => {
    const stored = readStoredLanguage();
    return stored ? [stored] : [...(globalThis.navigator?.languages ?? [])];
  },
  cacheUserLanguage: (language) => {
    try {
      globalThis.localStorage?.setItem(languageStorageKey, language);
    } catch {
      // Storage can be disabled; the choice then lasts for this page only.
    }
  },
};

function readStoredLanguage() {
  try {
    return globalThis.localStorage?.getItem(languageStorageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `{ en: { common: {...}, settings: {...} }, ja: {...} }`, every catalog; for tests and tools. */
export async function loadAllCatalogs() {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, load] of Object.entries(catalogLoaders)) {
    const [, language, namespace] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!language || !namespace) continue;
    (resources[language] ??= {})[namespace] = (await load()).default;
  }
  return resources;
}

/** Loads the namespaces the first page did not need, in the current language. */
export async function loadAllNamespaces(instance = i18next) {
  await instance.loadNamespaces(namespaces);
}

export function isLanguage(value: string | undefined): value is Language {
  return languages.some((language) => language === value);
}

export async function initI18n(instance = i18next) {
  await instance
    .use(browserLanguage)
    .use(catalogBackend)
    .use(initReactI18next)
    .init({
      supportedLngs: languages,
      nonExplicitSupportedLngs: true,
      // The catalogs have the same keys (a test checks), so Japanese needs no English behind it.
      fallbackLng: { ja: [], default: ['en'] },
      defaultNS: defaultNamespace,
      ns: initialNamespaces,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  syncDocumentLanguage(instance.resolvedLanguage);
  instance.on('languageChanged', syncDocumentLanguage);
  return instance;
}

function syncDocumentLanguage(language: string | undefined) {
  if (typeof document !== 'undefined' && language) document.documentElement.lang = language;
}
