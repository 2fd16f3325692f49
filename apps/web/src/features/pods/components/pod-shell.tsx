import { Alert, Button, Center, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExecAccess } from '../api/get-exec-access';
import { execWebSocketUrl } from '../api/exec-url';
import type { ContainerRow } from '../utils/containers';
import type { SessionEvent } from './terminal-view';

// xterm.js is large; it loads only when someone opens a shell.
const TerminalView = lazy(() => import('./terminal-view'));

const shells = ['/bin/sh', '/bin/bash'];

type SessionState = { type: 'connecting' } | SessionEvent;

interface PodShellProps {
  clusterId: string;
  namespace: string;
  pod: string;
  containers: ContainerRow[];
  initialContainer: string | undefined;
}

/** An interactive shell in one of the pod's containers, over the exec websocket. */
export function PodShell({ clusterId, namespace, pod, containers, initialContainer }: PodShellProps) {
  const { t } = useTranslation('pods');
  // Init containers have finished by the time anyone could open a shell in them.
  const appContainers = containers.filter((row) => row.kind === 'app');
  const [container, setContainer] = useState(
    appContainers.find((row) => row.name === initialContainer)?.name ?? appContainers[0]?.name ?? '',
  );
  const [command, setCommand] = useState(shells[0] ?? '/bin/sh');
  const [session, setSession] = useState(0);
  const [state, setState] = useState<SessionState>({ type: 'connecting' });
  const access = useExecAccess(clusterId, namespace, pod);

  const reconnect = () => {
    setState({ type: 'connecting' });
    setSession((count) => count + 1);
  };

  if (access.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('shell.checking')} />
      </Center>
    );
  }
  // A failed review does not block: the apiserver decides anyway, and the refusal is reported below.
  if (access.data && !access.data.allowed) {
    return (
      <Alert color="orange" title={t('shell.denied')} role="alert">
        <Text size="sm">{t('shell.deniedBody', { namespace })}</Text>
        {access.data.reason && <Text size="sm">{access.data.reason}</Text>}
      </Alert>
    );
  }

  const url = execWebSocketUrl(window.location, clusterId, namespace, pod, { container, command });
  const live = state.type === 'connecting' || state.type === 'connected';
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('shell.container')}
          data={appContainers.map((row) => row.name)}
          value={container}
          onChange={(value) => {
            if (!value) return;
            setContainer(value);
            setState({ type: 'connecting' });
          }}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('shell.command')}
          data={shells}
          value={command}
          onChange={(value) => {
            if (!value) return;
            setCommand(value);
            setState({ type: 'connecting' });
          }}
          allowDeselect={false}
          w={160}
        />
        <Button variant={live ? 'default' : 'filled'} onClick={reconnect} ml="auto">
          {t('shell.reconnect')}
        </Button>
      </Group>
      <SessionStatus state={state} container={container} command={command} />
      {container && (
        <Suspense
          fallback={
            <Center py="xl">
              <Loader size="sm" aria-label={t('shell.loadingTerminal')} />
            </Center>
          }
        >
          <TerminalView
            key={`${session}/${container}/${command}`}
            url={url}
            label={t('shell.terminalLabel', { container })}
            onEvent={setState}
          />
        </Suspense>
      )}
    </Stack>
  );
}

function SessionStatus({ state, container, command }: { state: SessionState; container: string; command: string }) {
  const { t } = useTranslation('pods');
  switch (state.type) {
    case 'connecting':
      return (
        <Text size="sm" c="dimmed" role="status">
          {t('shell.connecting', { container })}
        </Text>
      );
    case 'connected':
      return (
        <Text size="sm" c="dimmed" role="status">
          {t('shell.connected', { container, command })}
        </Text>
      );
    case 'refused':
      return (
        <Alert color="red" title={t('shell.refused')} role="alert">
          {t('shell.refusedBody', { command })}
        </Alert>
      );
    case 'ended': {
      const { exit } = state;
      const message =
        exit?.exitCode !== undefined
          ? t('shell.endedWithCode', { code: exit.exitCode })
          : exit && !exit.success && exit.message
            ? t('shell.endedWithMessage', { message: exit.message })
            : exit
              ? t('shell.ended')
              : t('shell.closed', { code: state.closeCode });
      return <Alert color={exit?.success ? 'gray' : 'orange'} title={message} role="alert" />;
    }
  }
}
