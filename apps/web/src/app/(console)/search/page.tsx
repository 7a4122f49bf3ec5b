import { SearchPage } from '../../../features/search/search-page';

export const metadata = { title: 'Search · Kubetrail' };

export default function Page() {
  return <SearchPage />;
}
