'use client';
import { Tabs } from '@mantine/core';
import { usePathname, useRouter } from 'next/navigation';

const TABS = [
  { href: '/alerts', label: 'Rules' },
  { href: '/alerts/channels', label: 'Channels' },
  { href: '/alerts/history', label: 'History' },
  { href: '/alerts/messages', label: 'Messages' },
] as const;

export function AlertsTabs() {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <Tabs value={pathname} onChange={(href) => href && router.push(href)}>
      <Tabs.List aria-label="Alerts sections">
        {TABS.map((t) => (
          <Tabs.Tab key={t.href} value={t.href}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
