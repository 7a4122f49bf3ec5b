'use client';
import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { ProjectGate } from './project-gate';
import { ProjectProvider, useProjects } from './project-context';
import { ProjectSwitcher } from './project-switcher';
import { UserMenu } from './user-menu';

const NAV = [
  { href: '/clusters', label: 'Clusters', min: 'viewer' },
  { href: '/usage', label: 'Usage', min: 'viewer' },
  { href: '/billing', label: 'Billing', min: 'admin' },
  { href: '/members', label: 'Members', min: 'viewer' },
  { href: '/audit-trail', label: 'Audit trail', min: 'admin' },
] as const;

function Navigation() {
  const pathname = usePathname();
  const { current } = useProjects();
  return (
    <nav aria-label="Console">
      {NAV.filter((item) => current?.can(item.min)).map((item) => (
        <NavLink
          key={item.href}
          component={Link}
          href={item.href}
          label={item.label}
          active={pathname === item.href || pathname.startsWith(`${item.href}/`)}
          aria-current={pathname.startsWith(item.href) ? 'page' : undefined}
        />
      ))}
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
