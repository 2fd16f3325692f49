import { useTranslation } from 'react-i18next';
import { ShellLayout } from '@/components/layouts/shell-layout';
import { ServerStatusBadge } from '@/features/server-status/components/server-status-badge';
import { LanguageSwitch } from '@/features/settings/components/language-switch';
import { ThemeToggle } from '@/features/settings/components/theme-toggle';
import { paths } from '@/config/paths';

export function RootRoute() {
  const { t } = useTranslation();
  return (
    <ShellLayout
      title={t('appName')}
      subtitle={t('tagline')}
      navigationLabel={t('nav.label')}
      navigation={[{ to: paths.home, label: t('nav.home'), end: true }]}
      headerActions={
        <>
          <ServerStatusBadge />
          <LanguageSwitch />
          <ThemeToggle />
        </>
      }
    />
  );
}
