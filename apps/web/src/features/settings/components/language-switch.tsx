import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '@/lib/i18n';
import { useUpdatePreferences } from '../api/update-preferences';

/**
 * 日本語 / English. Signed in, the choice is also kept on the server for the person; before login
 * it stays in this browser only.
 */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { t, i18n } = useTranslation('settings');
  const preferences = useUpdatePreferences();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={current}
      onChange={(language) => {
        void i18n.changeLanguage(language);
        if (signedIn && isLanguage(language)) preferences.mutate({ language });
      }}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
