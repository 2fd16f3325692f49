import type { ClusterSummary } from '@bokujo/shared';
import { Paper, RingProgress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';

interface GaugeProps {
  title: string;
  used: number;
  total: number;
  detail: string;
}

function Gauge({ title, used, total, detail }: GaugeProps) {
  const format = useFormatters();
  const ratio = total > 0 ? Math.min(used / total, 1) : 0;
  const color = ratio >= 0.9 ? 'red' : ratio >= 0.75 ? 'orange' : 'teal';
  return (
    <Paper withBorder p="md" radius="md">
      <Stack align="center" gap={4}>
        <Text fw={600}>{title}</Text>
        <RingProgress
          size={132}
          thickness={12}
          roundCaps
          sections={[{ value: ratio * 100, color }]}
          label={
            <Text ta="center" fw={700} size="lg">
              {format.percent(used, total)}
            </Text>
          }
          role="meter"
          aria-label={title}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={used}
          aria-valuetext={detail}
        />
        <Text size="sm" c="dimmed" ta="center">
          {detail}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Pods, CPU and memory: what is running or reserved by pod requests against what is allocatable. */
export function CapacityGauges({ summary }: { summary: ClusterSummary }) {
  const { t } = useTranslation('clusters');
  const format = useFormatters();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <Gauge
        title={t('dashboard.pods')}
        used={summary.pods.running}
        total={summary.pods.allocatable}
        detail={t('dashboard.podsDetail', {
          used: format.integer(summary.pods.running),
          total: format.integer(summary.pods.allocatable),
        })}
      />
      <Gauge
        title={t('dashboard.cpu')}
        used={summary.cpuMillicores.requested}
        total={summary.cpuMillicores.allocatable}
        detail={t('dashboard.cpuDetail', {
          used: format.cores(summary.cpuMillicores.requested),
          total: format.cores(summary.cpuMillicores.allocatable),
        })}
      />
      <Gauge
        title={t('dashboard.memory')}
        used={summary.memoryBytes.requested}
        total={summary.memoryBytes.allocatable}
        detail={t('dashboard.memoryDetail', {
          used: format.gibibytes(summary.memoryBytes.requested),
          total: format.gibibytes(summary.memoryBytes.allocatable),
        })}
      />
    </SimpleGrid>
  );
}
