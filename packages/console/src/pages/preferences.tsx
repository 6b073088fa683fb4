import { PageHeader } from '../components/ui.js';
import { RecipientSection } from './preferences-recipient.js';
import { TopicsSection } from './preferences-topics.js';

/** Issue 16 item 2: the topics messages are about, and one end user's answers about them. */
export function PreferencesPage() {
  return (
    <>
      <PageHeader
        title="Preferences"
        description="The topics your messages are about, and what each end user said about marketing and each topic. A marketing or topic send to someone who opted out is refused."
      />
      <TopicsSection />
      <RecipientSection />
    </>
  );
}
