import { AppShell, Group, NavLink as NavItem, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';

export interface NavigationEntry {
  to: string;
  label: string;
  end?: boolean;
}

export interface NavigationSection {
  /** Heading above the entries, e.g. "Global" or the cluster's name. */
  label: ReactNode;
  entries: readonly NavigationEntry[];
}

interface ShellLayoutProps {
  title: string;
  homeHref: string;
  navigationLabel: string;
  navigation: readonly NavigationSection[];
  /** Next to the brand: where in the console the person is (the cluster switcher). */
  switcher: ReactNode;
  headerActions: ReactNode;
  breadcrumbs: ReactNode;
}

/** The frame of every signed-in page: brand, switcher and actions on top, navigation on the left. */
export function ShellLayout({
  title,
  homeHref,
  navigationLabel,
  navigation,
  switcher,
  headerActions,
  breadcrumbs,
}: ShellLayoutProps) {
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="md" wrap="nowrap" miw={0}>
            <UnstyledButton component={Link} to={homeHref}>
              <Group gap="xs" wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Title order={1} size="h4">
                  {title}
                </Title>
              </Group>
            </UnstyledButton>
            {switcher}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerActions}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={navigationLabel}>
        <ScrollArea>
          {navigation.map((section, index) => (
            <div key={index}>
              <Text size="xs" fw={700} c="dimmed" px="sm" pt={index === 0 ? 4 : 'md'} pb={4} truncate>
                {section.label}
              </Text>
              {section.entries.map((entry) => (
                <NavItem key={entry.to} component={NavLink} to={entry.to} end={entry.end} label={entry.label} />
              ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {breadcrumbs}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
