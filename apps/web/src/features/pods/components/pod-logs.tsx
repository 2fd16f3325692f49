import { Alert, Button, Group, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveTextFile } from '@/lib/download';
import { usePodLogs } from '../hooks/use-pod-logs';
import { type ContainerRow, hasPreviousInstance } from '../utils/containers';
import { countMatches, logFileName, splitMatches } from '../utils/log-search';

const tailChoices = ['100', '500', '1000', '5000', 'all'] as const;

interface PodLogsProps {
  clusterId: string;
  namespace: string;
  pod: string;
  containers: ContainerRow[];
  /** The container to show first, e.g. from the address. */
  initialContainer: string | undefined;
}

/** A container's log with follow, previous instance, timestamps, search and download. */
export function PodLogs({ clusterId, namespace, pod, containers, initialContainer }: PodLogsProps) {
  const { t } = useTranslation('pods');
  const [container, setContainer] = useState(
    containers.find((row) => row.name === initialContainer)?.name ??
      containers.find((row) => row.kind === 'app')?.name ??
      containers[0]?.name ??
      '',
  );
  const [tail, setTail] = useState<(typeof tailChoices)[number]>('500');
  const [timestamps, setTimestamps] = useState(false);
  const [wantsPrevious, setWantsPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [reloads, setReloads] = useState(0);

  const row = containers.find((candidate) => candidate.name === container);
  const canShowPrevious = hasPreviousInstance(row);
  // Switching to a container that never restarted drops the choice rather than asking for nothing.
  const previous = wantsPrevious && canShowPrevious;
  const options = useMemo(
    () => ({
      container,
      tailLines: tail === 'all' ? undefined : Number(tail),
      timestamps,
      previous,
      follow: follow && !previous,
    }),
    [container, tail, timestamps, previous, follow],
  );
  const logs = usePodLogs(clusterId, namespace, pod, container ? options : undefined, reloads);
  const segments = useMemo(() => splitMatches(logs.text, query), [logs.text, query]);
  const matches = countMatches(segments);

  const output = useRef<HTMLPreElement>(null);
  // Stay at the newest line while following, unless the person scrolled up to read.
  const pinned = useRef(true);
  useEffect(() => {
    const element = output.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [logs.text]);

  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('logs.container')}
          data={containers.map((candidate) => candidate.name)}
          value={container}
          onChange={(value) => value && setContainer(value)}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('logs.tail')}
          data={tailChoices.map((choice) => ({
            value: choice,
            label: choice === 'all' ? t('logs.tailAll') : t('logs.tailLines', { count: Number(choice) }),
          }))}
          value={tail}
          onChange={(value) => value && setTail(value)}
          allowDeselect={false}
          w={150}
        />
        <TextInput
          label={t('logs.search')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          type="search"
          w={260}
          description={query ? t('logs.matches', { count: matches }) : undefined}
          inputWrapperOrder={['label', 'input', 'description']}
        />
        <Group gap="xs" ml="auto">
          <Button variant="default" onClick={() => setReloads((count) => count + 1)}>
            {t('logs.reload')}
          </Button>
          <Button
            variant="default"
            disabled={!logs.text}
            onClick={() => saveTextFile(logFileName(pod, container, previous), logs.text)}
          >
            {t('logs.download')}
          </Button>
        </Group>
      </Group>
      <Group gap="lg" wrap="wrap">
        <Switch
          label={t('logs.follow')}
          checked={follow && !previous}
          disabled={previous}
          onChange={(event) => setFollow(event.currentTarget.checked)}
        />
        <Switch
          label={t('logs.timestamps')}
          checked={timestamps}
          onChange={(event) => setTimestamps(event.currentTarget.checked)}
        />
        <Switch
          label={t('logs.previous')}
          checked={previous}
          disabled={!canShowPrevious}
          description={canShowPrevious ? undefined : t('logs.previousUnavailable')}
          onChange={(event) => setWantsPrevious(event.currentTarget.checked)}
        />
      </Group>
      {logs.phase === 'failed' && (
        <Alert color="red" title={t('logs.failed')} role="alert">
          {logs.error.message}
        </Alert>
      )}
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
        <pre
          ref={output}
          role="log"
          aria-label={t('logs.outputLabel', { container })}
          aria-live="off"
          tabIndex={0}
          onScroll={(event) => {
            const element = event.currentTarget;
            pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
          }}
          style={{
            margin: 0,
            padding: 'var(--mantine-spacing-sm)',
            // Fits below the pod's header and controls at 800 px, so nothing scrolls but the output.
            height: 'max(240px, calc(100vh - 440px))',
            minHeight: 240,
            overflow: 'auto',
            fontFamily: 'var(--mantine-font-family-monospace)',
            fontSize: 'var(--mantine-font-size-xs)',
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            background: 'var(--mantine-color-body)',
          }}
        >
          {segments.map((segment, index) =>
            segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
          )}
        </pre>
      </Paper>
      <Text size="xs" c="dimmed" aria-live="polite">
        {logs.phase === 'loading' && !logs.text
          ? t('logs.loading')
          : logs.phase === 'following'
            ? t('logs.following')
            : logs.phase === 'ended'
              ? logs.text
                ? t('logs.ended')
                : t('logs.empty')
              : ''}
      </Text>
    </Stack>
  );
}
