import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PodDetail } from '../types';

const colors: Record<string, string> = {
  Pending: 'yellow',
  Running: 'teal',
  Succeeded: 'gray',
  Failed: 'red',
  Unknown: 'gray',
  Terminating: 'orange',
};

/** kubectl's STATUS column says more than the phase: waiting reasons, Completed, NotReady. */
const stateColors: Record<string, string> = {
  ...colors,
  Completed: 'gray',
  NotReady: 'orange',
  ContainerCreating: 'yellow',
  PodInitializing: 'yellow',
  CrashLoopBackOff: 'red',
  Error: 'red',
  ImagePullBackOff: 'red',
  ErrImagePull: 'red',
  OOMKilled: 'red',
};

const stateColor = (state: string) =>
  stateColors[state] ?? (state.startsWith('Init:') ? 'yellow' : state.startsWith('Signal:') ? 'red' : 'gray');

/** A pod's state as a list row has it (kubectl's STATUS), in the phase badge's colours. */
export function PodStateBadge({ state }: { state: string }) {
  return (
    <Badge color={stateColor(state)} variant="light" tt="none">
      {state}
    </Badge>
  );
}

/** The pod's phase, or Terminating once deletion was asked for (as kubectl shows it). */
export function PodPhaseBadge({ pod }: { pod: PodDetail }) {
  const { t } = useTranslation('pods');
  const phase = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Unknown');
  return (
    <Badge color={colors[phase] ?? 'gray'} variant="light" tt="none" size="lg">
      {t(`phase.${phase}`)}
    </Badge>
  );
}
