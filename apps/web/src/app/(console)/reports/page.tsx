import { redirect } from 'next/navigation';

// The Overview is the first of the reports, and so far the only one.
export default function Page() {
  redirect('/reports/overview');
}
