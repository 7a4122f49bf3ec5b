import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleShell } from '../../features/shell/console-shell';
import { currentUser } from '../../server/session-cookie';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return <ConsoleShell email={user.email}>{children}</ConsoleShell>;
}
