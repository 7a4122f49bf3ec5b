import { redirect } from 'next/navigation';
import { SignInForm } from '../../features/auth/sign-in-form';
import { currentUser } from '../../server/session-cookie';

export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  if (await currentUser()) redirect('/clusters');
  return <SignInForm />;
}
