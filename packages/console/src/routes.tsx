import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/layout.js';
import { ErrorNotice, Loading } from './components/ui.js';
import { AcceptInvitationPage } from './pages/accept-invitation.js';
import { AccountPage } from './pages/account.js';
import { ApiKeysPage } from './pages/api-keys.js';
import { InboxPage } from './pages/inbox.js';
import { LogInPage } from './pages/login.js';
import { MessageDetailPage } from './pages/message-detail.js';
import { MessagesPage } from './pages/messages.js';
import { NotFoundPage } from './pages/not-found.js';
import { OverviewPage } from './pages/overview.js';
import { PreferencesPage } from './pages/preferences.js';
import { PrivacyPage } from './pages/privacy.js';
import { PrivacyRequestsPage } from './pages/privacy-requests.js';
import { ResetPasswordPage } from './pages/reset-password.js';
import { SecurityPage } from './pages/security.js';
import { SendPage } from './pages/send.js';
import { SendersPage } from './pages/senders.js';
import { SignUpPage } from './pages/signup.js';
import { SuppressionsPage } from './pages/suppressions.js';
import { TeamPage } from './pages/team.js';
import { TemplateEditorPage } from './pages/template-editor.js';
import { TemplatesPage } from './pages/templates.js';
import { UndoEmailChangePage } from './pages/undo-email-change.js';
import { VerifyEmailPage } from './pages/verify-email.js';
import { WebhookDetailPage } from './pages/webhook-detail.js';
import { WebhooksPage } from './pages/webhooks.js';
import { useSession } from './session.js';

function RequireSession({ children }: { children: ReactNode }) {
  const { session, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="Opening the console" />;
  if (error) return <ErrorNotice error={error} />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/login" element={<LogInPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/undo-email-change" element={<UndoEmailChangePage />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="messages/:id" element={<MessageDetailPage />} />
        <Route path="send" element={<SendPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="webhooks/:id" element={<WebhookDetailPage />} />
        <Route path="suppressions" element={<SuppressionsPage />} />
        <Route path="preferences" element={<PreferencesPage />} />
        <Route path="senders" element={<SendersPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="templates/new" element={<TemplateEditorPage />} />
        <Route path="templates/:ref" element={<TemplateEditorPage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="privacy-requests" element={<PrivacyRequestsPage />} />
        <Route path="security" element={<SecurityPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
