'use client';
import type { AppRouter } from '@kubetrail/api';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import { TRPCProvider } from '../lib/trpc';

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'sm', fontFamily: 'system-ui, -apple-system, "Segoe UI", sans-serif' });

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: (n, e) => n < 2 && !isClientError(e) } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // POST for queries too: filters and query texts outgrow a URL.
      links: [httpBatchLink({ url: '/api/trpc', methodOverride: 'POST', transformer: superjson })],
    }),
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

// Retrying a refusal (bad input, no access) only repeats it.
const isClientError = (e: unknown) => {
  const status = (e as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
};
