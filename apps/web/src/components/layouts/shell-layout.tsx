import { AppShell, Group, NavLink as NavItem, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';

export interface NavigationEntry {
  to: string;
  label: string;
  end?: boolean;
}

interface ShellLayoutProps {
  title: string;
  subtitle: string;
  navigationLabel: string;
  navigation: readonly NavigationEntry[];
  headerActions: ReactNode;
}

/** The frame of every signed-in page: brand and actions on top, navigation on the left. */
export function ShellLayout({ title, subtitle, navigationLabel, navigation, headerActions }: ShellLayoutProps) {
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <Title order={1} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md" truncate>
              {subtitle}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerActions}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={navigationLabel}>
        {navigation.map((entry) => (
          <NavItem key={entry.to} component={NavLink} to={entry.to} end={entry.end} label={entry.label} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
