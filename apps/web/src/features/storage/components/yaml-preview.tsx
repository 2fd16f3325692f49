import { Code, Paper, Stack, Text } from '@mantine/core';
import { stringify } from 'yaml';

interface YamlPreviewProps {
  title: string;
  description: string;
  manifest: unknown;
}

/** What will be sent, as the YAML a person would otherwise write for kubectl apply. */
export function YamlPreview({ title, description, manifest }: YamlPreviewProps) {
  const id = 'yaml-preview-title';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Text id={id} fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {description}
        </Text>
        <Code block data-testid="yaml-preview" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {stringify(manifest)}
        </Code>
      </Stack>
    </Paper>
  );
}
