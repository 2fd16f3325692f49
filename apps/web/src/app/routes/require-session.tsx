import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { getSetupStatusQueryOptions } from '@/features/auth/api/get-setup-status';
import { useMe } from '@/features/auth/api/get-me';
import { isUnauthenticated } from '@/lib/api-client';
import { currentPath } from '@/lib/safe-redirect';

export interface LoginState {
  /** The person had a session on this page and it ended. */
  sessionExpired?: boolean;
}

/**
 * Lets through only a signed-in person. Nobody (or an expired session) goes to login and comes
 * back here afterwards; someone who must first replace a password goes to setup or the password
 * page. Child routes get the person as outlet context.
 */
export function RequireSession() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const rememberedLanguage = me.data?.language;
  // The language the person chose in any browser wins over this browser's guess; it is applied when
  // it is first known or changes on the server, not on every render, so a switch here is not undone.
  useEffect(() => {
    if (rememberedLanguage && rememberedLanguage !== i18n.resolvedLanguage)
      void i18n.changeLanguage(rememberedLanguage);
  }, [rememberedLanguage, i18n]);
  const location = useLocation();
  const mustChangePassword = me.data?.mustChangePassword === true;
  const setup = useQuery({ ...getSetupStatusQueryOptions(), enabled: mustChangePassword });

  if (isUnauthenticated(me.error)) {
    const state: LoginState = { sessionExpired: me.data !== undefined };
    return <Navigate to={paths.login.getHref(currentPath(location))} state={state} replace />;
  }
  // Another failure while the person is known (a server restart, say) keeps the page usable.
  if (me.isError && me.data === undefined) {
    return (
      <Center mih="100vh" p="md">
        <Alert color="red" title={t('session.failed')} role="alert" maw={480}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{me.error.message}</Text>
            <Button size="xs" variant="default" onClick={() => void me.refetch()}>
              {t('session.retry')}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  if (me.data === undefined || (mustChangePassword && setup.isPending)) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('session.checking')} />
      </Center>
    );
  }
  if (mustChangePassword) {
    const target = setup.data?.setupRequired ? paths.setup : paths.password;
    if (location.pathname !== target.path) {
      const next =
        location.pathname === paths.setup.path || location.pathname === paths.password.path
          ? undefined
          : currentPath(location);
      return <Navigate to={target.getHref(next)} replace />;
    }
  }
  return <Outlet context={me.data} />;
}
