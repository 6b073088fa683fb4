import {
  type AccountService,
  type AuthService,
  loggedInSession,
  type Policies,
  type ProfileService,
  presentProfile,
  presentSession,
  type RecoveryService,
  type SessionService,
  type TeamService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { context, metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';
import {
  type CookieSettings,
  clearSessionCookie,
  setSessionCookie,
} from '../http/session-cookie.js';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

export type AuthRouteDeps = {
  kit: RouteKit;
  auth: AuthService;
  recovery: RecoveryService;
  team: TeamService;
  profile: ProfileService;
  accounts: AccountService;
  sessions: SessionService;
  cookies: CookieSettings;
  defaultRateLimit: number;
  policies: Policies;
};

/**
 * Sign-up, log-in and log-out, the session, password and email flows (undoing an email change
 * too), accepting invitations.
 */
export function authRoutes(deps: AuthRouteDeps): Router {
  const router = Router();
  const { route } = deps.kit;
  /** The session as the API shows it: the user, the organisation, the role and the CSRF token. */
  const currentSession = async (
    user: ReturnType<typeof userOf>,
    session: { csrfToken: string; expiresAt: Date },
  ) => {
    const [profile, account] = await Promise.all([
      deps.profile.get(user.userId),
      deps.accounts.getAccount(user.accountId),
    ]);
    return presentSession(
      { user: profile, account, role: user.role, ...session },
      deps.defaultRateLimit,
    );
  };

  router.get('/v1/policies', ...route('getPolicies'), async (_req, res) => {
    const overview = await deps.policies.overview();
    const present = (v: NonNullable<typeof overview.privacy>): Body<'PolicyVersion'> => ({
      kind: v.kind,
      version: v.version,
      url: v.url,
      summary: v.summary,
      material: v.material,
      effective_at: v.effective_at.toISOString(),
    });
    const answer: Body<'Policies'> = {
      object: 'policies',
      privacy: overview.privacy && present(overview.privacy),
      terms: overview.terms && present(overview.terms),
      upcoming: overview.upcoming.map(present),
      privacy_contact: overview.privacyContact,
    };
    res.json(answer);
  });

  // The same answer whether or not the address has a user (AuthService.signUp): no session.
  router.post('/v1/auth/signup', ...route('signUp'), async (req, res) => {
    const body = req.body as Body<'SignUpRequest'>;
    await deps.auth.signUp(
      {
        name: body.name,
        email: body.email,
        password: body.password,
        organizationName: body.organization_name,
      },
      metaOf(req),
    );
    const answer: Body<'SignUpAccepted'> = { object: 'sign_up', email: body.email };
    res.status(202).json(answer);
  });

  router.post('/v1/auth/login', ...route('logIn'), async (req, res) => {
    const body = req.body as Body<'LogInRequest'>;
    const loggedIn = await deps.auth.logIn(
      { email: body.email, password: body.password, twoFactorCode: body.two_factor_code },
      metaOf(req),
    );
    setSessionCookie(res, loggedIn.session, deps.cookies);
    res.json(presentSession(loggedInSession(loggedIn), deps.defaultRateLimit));
  });

  router.post('/v1/auth/logout', ...route('logOut'), async (req, res) => {
    await deps.auth.logOut(userOf(res), metaOf(req));
    clearSessionCookie(res, deps.cookies);
    res.status(204).end();
  });

  router.get('/v1/auth/session', ...route('getSession'), async (_req, res) => {
    const user = userOf(res);
    const session = context(res).session!;
    res.json(await currentSession(user, session));
  });

  router.post('/v1/auth/password', ...route('changePassword'), async (req, res) => {
    const body = req.body as Body<'ChangePasswordRequest'>;
    const user = userOf(res);
    const started = await deps.auth.changePassword(
      user,
      { currentPassword: body.current_password, newPassword: body.new_password },
      metaOf(req),
    );
    setSessionCookie(res, started, deps.cookies);
    res.json(await currentSession(user, started));
  });

  router.post(
    '/v1/auth/email-verification',
    ...route('resendEmailVerification'),
    async (_req, res) => {
      const profile = await deps.profile.get(userOf(res).userId);
      await deps.recovery.resendEmailVerification(profile, profile.pendingEmail);
      res.status(202).end();
    },
  );

  router.post(
    '/v1/auth/email-verification/confirm',
    ...route('confirmEmailVerification'),
    async (req, res) => {
      const user = await deps.recovery.confirmEmailVerification(
        (req.body as Body<'TokenRequest'>).token,
        metaOf(req),
      );
      res.json(presentProfile(await deps.profile.get(user.id)));
    },
  );

  router.post('/v1/auth/email-change/undo', ...route('undoEmailChange'), async (req, res) => {
    const body = req.body as Body<'ConfirmPasswordResetRequest'>;
    await deps.recovery.undoEmailChange(body.token, body.new_password, metaOf(req));
    res.status(204).end();
  });

  router.post('/v1/auth/password-reset', ...route('requestPasswordReset'), async (req, res) => {
    await deps.recovery.requestPasswordReset(
      (req.body as Body<'PasswordResetRequest'>).email,
      metaOf(req),
    );
    res.status(202).end();
  });

  router.post(
    '/v1/auth/password-reset/confirm',
    ...route('confirmPasswordReset'),
    async (req, res) => {
      const body = req.body as Body<'ConfirmPasswordResetRequest'>;
      await deps.recovery.confirmPasswordReset(body.token, body.new_password, metaOf(req));
      res.status(204).end();
    },
  );

  router.post('/v1/auth/invitations/accept', ...route('acceptInvitation'), async (req, res) => {
    const body = req.body as Body<'AcceptInvitationRequest'>;
    const loggedIn = await deps.team.accept(
      { token: body.token, name: body.name, password: body.password },
      metaOf(req),
    );
    setSessionCookie(res, loggedIn.session, deps.cookies);
    res.json(presentSession(loggedInSession(loggedIn), deps.defaultRateLimit));
  });

  return router;
}
