import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Names joined as the chosen language joins them: "a, b, and c" / "a、b、c". */
export function useListFormat() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    return (items: string[]) => list.format(items);
  }, [language]);
}
