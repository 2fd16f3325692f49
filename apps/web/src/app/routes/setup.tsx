import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@bokujo/shared';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useOutletContext, useSearchParams } from 'react-router';
import { landingPath } from '@/config/paths';
import { getSetupStatusQueryOptions, useSetupStatus } from '@/features/auth/api/get-setup-status';
import { SetupForm } from '@/features/auth/components/setup-form';
import { safeNextPath } from '@/lib/safe-redirect';
import { PublicPage } from './public-page';

/** First run: the administrator replaces the bootstrap password and sets the server URL. */
export function SetupRoute() {
  const { t } = useTranslation('auth');
  const me = useOutletContext<Me>();
  const setup = useSetupStatus();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next')) ?? landingPath;

  // Done before (by someone else, or in another tab): nothing to do here.
  if (setup.data && !setup.data.setupRequired) return <Navigate to={next} replace />;

  function done() {
    void queryClient.invalidateQueries({ queryKey: getSetupStatusQueryOptions().queryKey });
    void navigate(next, { replace: true });
  }

  return (
    <PublicPage title={t('setup.title')} width={560}>
      <SetupForm username={me.username} defaultServerUrl={window.location.origin} onDone={done} />
    </PublicPage>
  );
}
