'use client';
import { Button, Menu } from '@mantine/core';
import { useRouter } from 'next/navigation';

export function UserMenu({ email }: { email: string }) {
  const router = useRouter();
  async function signOut() {
    await fetch('/api/auth/sign-out', { method: 'POST' });
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" aria-label={`Account ${email}`}>
          {email}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={signOut}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
