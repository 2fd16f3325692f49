import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { landingPath } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useSetupStatus } from '@/features/auth/api/get-setup-status';
import { ExternalLogin } from '@/features/auth/components/external-login';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeNextPath } from '@/lib/safe-redirect';
import { PublicPage } from './public-page';
import type { LoginState } from './require-session';

export function LoginRoute() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const location = useLocation();
  const me = useMe();
  const setup = useSetupStatus();
  // Only a path on this origin: `?next=https://evil.example` must not send anyone away.
  const next = safeNextPath(params.get('next')) ?? landingPath;

  // Signed in already, or just now: the guard takes it from there (setup, password, the page).
  if (me.isSuccess) return <Navigate to={next} replace />;

  const sessionExpired = (location.state as LoginState | null)?.sessionExpired === true;
  return (
    <PublicPage title={t('login.title')}>
      <Stack gap="md">
        {sessionExpired && (
          <Alert color="yellow" role="status">
            {t('login.expired')}
          </Alert>
        )}
        <LoginForm firstRun={setup.data?.setupRequired === true} />
        <ExternalLogin next={next} error={{ reason: params.get('error'), providerId: params.get('provider') }} />
      </Stack>
    </PublicPage>
  );
}
