import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface CenteredLayoutProps {
  appName: string;
  tagline: string;
  title: string;
  /** Language and theme controls, top right. */
  actions: ReactNode;
  children: ReactNode;
  width?: number;
}

/** Pages before the console: login, first-run setup, a forced password change. */
export function CenteredLayout({ appName, tagline, title, actions, children, width = 440 }: CenteredLayoutProps) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="flex-end" p="md" gap="sm">
        {actions}
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={width} gap="lg">
          <Stack gap={4} align="center">
            <Group gap="xs">
              <img src="/favicon.svg" alt="" width={36} height={36} />
              <Text fw={700} size="xl">
                {appName}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" ta="center">
              {tagline}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p="xl" component="main">
            <Title order={2} size="h3" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
