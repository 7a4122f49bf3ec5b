import { RulesPage } from '../../../features/alerts/rules-page';

export const metadata = { title: 'Alert rules · Kubetrail' };

export default async function Page({ searchParams }: { searchParams: Promise<{ query?: string | string[] }> }) {
  const { query } = await searchParams;
  return <RulesPage prefilledQuery={typeof query === 'string' ? query : undefined} />;
}
