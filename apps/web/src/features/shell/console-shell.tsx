'use client';
import { AppShell, Badge, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useUnreadCount } from '../alerts/use-unread-count';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { ProjectGate } from './project-gate';
import { ProjectProvider, useProjects } from './project-context';
import { ProjectSwitcher } from './project-switcher';
import { UserMenu } from './user-menu';

const NAV = [
  { href: '/clusters', label: 'Clusters', min: 'viewer' },
  { href: '/search', label: 'Search', min: 'analyst' },
  { href: '/reports/overview', label: 'Reports', min: 'analyst' },
  { href: '/usage', label: 'Usage', min: 'viewer' },
  { href: '/billing', label: 'Billing', min: 'admin' },
  { href: '/members', label: 'Members', min: 'viewer' },
  { href: '/audit-trail', label: 'Audit trail', min: 'admin' },
  { href: '/alerts', label: 'Alerts', min: 'viewer' },
] as const;

const MESSAGES = '/alerts/messages';

function MessagesLink({ pathname }: { pathname: string }) {
  const unread = useUnreadCount();
  return (
    <NavLink
      component={Link}
      href={MESSAGES}
      label="Messages"
      active={pathname === MESSAGES}
      aria-current={pathname === MESSAGES ? 'page' : undefined}
      rightSection={
        unread > 0 ? (
          <Badge size="sm" circle={unread < 10} aria-label={`${unread} unread`} data-testid="unread-badge">
            {unread}
          </Badge>
        ) : null
      }
    />
  );
}

function Navigation() {
  const pathname = usePathname();
  const { current } = useProjects();
  return (
    <nav aria-label="Console">
      {NAV.filter((item) => current?.can(item.min)).map((item) => {
        // The message center has a link of its own, though it lives under /alerts.
        const active = pathname !== MESSAGES && (pathname === item.href || pathname.startsWith(`${item.href}/`));
        return (
          <NavLink
            key={item.href}
            component={Link}
            href={item.href}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
      {current && <MessagesLink pathname={pathname} />}
    </nav>
  );
}

export function ConsoleShell({ email, children }: { email: string; children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  return (
    <ProjectProvider>
      <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <Text fw={700} component={Link} href="/clusters">
                Kubetrail
              </Text>
              <ProjectSwitcher />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <ColorSchemeToggle />
              <UserMenu email={email} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <Navigation />
        </AppShell.Navbar>
        <AppShell.Main>
          <ProjectGate>{children}</ProjectGate>
        </AppShell.Main>
      </AppShell>
    </ProjectProvider>
  );
}
