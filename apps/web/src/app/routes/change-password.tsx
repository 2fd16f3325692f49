import type { Me } from '@bokujo/shared';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext, useSearchParams } from 'react-router';
import { landingPath } from '@/config/paths';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { safeNextPath } from '@/lib/safe-redirect';
import { PublicPage } from './public-page';

/** Where a person lands whose password an administrator set: they choose their own first. */
export function ChangePasswordRoute() {
  const { t } = useTranslation('auth');
  const me = useOutletContext<Me>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next')) ?? landingPath;

  return (
    <PublicPage title={me.mustChangePassword ? t('password.forcedTitle') : t('password.title')} width={520}>
      {me.mustChangePassword && (
        <Text size="sm" mb="md">
          {t('password.forcedIntro')}
        </Text>
      )}
      <ChangePasswordForm username={me.username} onDone={() => void navigate(next, { replace: true })} />
    </PublicPage>
  );
}
