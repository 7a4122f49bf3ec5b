import type { ReactNode } from 'react';
import { AlertsLayout } from '../../../features/alerts/alerts-layout';

export default function Layout({ children }: { children: ReactNode }) {
  return <AlertsLayout>{children}</AlertsLayout>;
}
