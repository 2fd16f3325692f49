import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLayout } from '@/components/layouts/centered-layout';
import { LanguageSwitch } from '@/features/settings/components/language-switch';
import { ThemeToggle } from '@/features/settings/components/theme-toggle';

/** Login, setup and the forced password change: the brand, a card, language and theme. */
export function PublicPage({ title, width, children }: { title: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <CenteredLayout
      appName={t('appName')}
      tagline={t('tagline')}
      title={title}
      {...(width ? { width } : {})}
      actions={
        <>
          <LanguageSwitch />
          <ThemeToggle />
        </>
      }
    >
      {children}
    </CenteredLayout>
  );
}
