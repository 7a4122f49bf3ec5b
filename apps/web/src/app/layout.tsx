import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'Kubetrail', description: 'Kubernetes audit across clusters' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="top">
          <strong>Kubetrail</strong>
          <span className="muted">Kubernetes audit, every cluster</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
