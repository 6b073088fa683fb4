import { PageHeader } from '../components/ui.js';
import { useSession } from '../session.js';
import { AccountDataSection } from './privacy-account.js';
import { RetentionSection } from './privacy-retention.js';
import { SubjectsSection } from './privacy-subjects.js';

export function PrivacyPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Privacy"
        description="How long each store keeps data, your end users' rights, and your organisation's own data."
      />
      <RetentionSection />
      <SubjectsSection />
      {(can('account:export') || can('account:close')) && <AccountDataSection />}
    </>
  );
}
