/**
 * Generated from openapi/openapi.yaml by `npm run generate`. Do not edit by hand.
 */

export interface paths {
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List messages, newest first */
        get: operations["listMessages"];
        put?: never;
        /**
         * Send a message
         * @description Validates the message for its channel, stores it and queues it for delivery. Returns
         *     `202` with the message in status `queued`. A message that was accepted is never lost.
         *     An organisation made by sign-up cannot send, with any key, until an owner has verified
         *     their email address (`403 email_not_verified`).
         *
         *     Send an `Idempotency-Key` header to retry safely: the same key with the same body returns
         *     the first response (with `Idempotent-Replayed: true`) for at least 24 hours; the same key
         *     with another body is refused with `idempotency_key_reused`; a retry while the first
         *     request is still being processed is refused with `idempotency_key_in_use`.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a message */
        get: operations["getMessage"];
        put?: never;
        post?: never;
        /**
         * Remove a finished message's content and identifier
         * @description As an erasure does for one person, for one message: its content goes from the content
         *     store, its recipient (an inbound one's sender) becomes the keyed hash that erasures
         *     leave, its metadata and status callback go, and so do the webhook events that named it.
         *     The message itself stays, with what billing and statistics count. A message that may
         *     still go out (`scheduled`, `queued`, `sending`) is refused (`409
         *     message_not_finished`): cancel it first. A `sent` one can be removed; a delivery
         *     receipt that comes later still updates its status. Asking again
         *     answers what was left to remove (nothing). Audited as `message.removed`.
         */
        delete: operations["removeMessage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The status history of a message, oldest first */
        get: operations["listMessageEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The privacy notice and terms in effect, the versions to come, and the privacy contact
         * @description Public: sign-up links the versions in effect, and the console shows the privacy contact
         *     on every page. A material change is published at least 30 days before it takes effect,
         *     and every owner is emailed about it.
         */
        get: operations["getPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user and an organisation; a verification link is emailed
         * @description Answers `202` the same way whether or not the address already has a user, and logs
         *     no one in. For a new address, creates the user (the organisation's first `owner`) and
         *     the organisation, and emails a verification link; the user can log in at once, but the
         *     organisation cannot send (`email_not_verified`) until an owner has verified their
         *     address. For an address that has a user, nothing is created and its owner is emailed
         *     that someone tried. Each network may sign up a few times an hour (`email_throttled`),
         *     and each address gets only a few of Herald's emails.
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Starts a console session (a new session id every time). After repeated failures,
         *     attempts are refused for a while with `login_throttled`: for one address from the
         *     network that failed (never from the user's own), from a network that failed for many
         *     addresses, and, after very many failures for one address from anywhere, from every
         *     network but those the user has logged in or reset the password from.
         */
        post: operations["logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this console session */
        post: operations["logOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current console session, with its CSRF token */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (the session is rotated, other sessions end) */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a new verification link
         * @description A few per user an hour (`email_throttled`).
         */
        post: operations["resendEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/email-verification/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an email address with the token from the link */
        post: operations["confirmEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/email-change/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo an email change with the token sent to the old address (every session ends)
         * @description The link in the notice an address gets when someone asks to replace it. For 7 days, once:
         *     the address is the user's again (verified), a pending change is dropped, later changes'
         *     undo links stop working, the password becomes `new_password` (whoever made the change
         *     knew the old one) and every session ends.
         */
        post: operations["undoEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a password reset link
         * @description Always `202`, so the answer does not say whether the address has a user. Each network
         *     may ask a few times an hour (`email_throttled`); past the address's own limit of
         *     Herald's emails, the answer is still `202` and nothing is sent.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the token from the link (every session ends) */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join an organisation with an invitation token, and log in
         * @description For an address without a user, `name` and `password` create one. For an existing user,
         *     `password` must be theirs.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A copy of everything Herald keeps about you as a user
         * @description Your profile, the organisations you belong to, your log-ins, what you did in each
         *     organisation's audit log, and the API keys you own (never their secrets).
         */
        get: operations["exportOwnData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start turning on two-factor sign-in (TOTP)
         * @description Gives a new secret for an authenticator app; nothing changes until
         *     `POST /v1/me/two-factor/confirm` proves the app has it. Asking again replaces the secret.
         */
        post: operations["startTwoFactorSetup"];
        /** Turn two-factor sign-in off (with the password) */
        delete: operations["disableTwoFactor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn two-factor sign-in on with a code from the app */
        post: operations["confirmTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user's profile */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        /**
         * Delete your own user (with your password)
         * @description You leave every organisation, the API keys you own and the invitations you sent are
         *     revoked, and your profile, sessions, log-ins and two-factor codes are deleted. Each
         *     organisation keeps its audit records of what you did, under your user id only (no name,
         *     address or IP). The last owner of an organisation must make another member an owner, or
         *     close it, first (`409 last_owner`). You are emailed once it is done.
         */
        delete: operations["deleteOwnUser"];
        options?: never;
        head?: never;
        /**
         * Correct the name or email, or change marketing preferences
         * @description A new email address needs `current_password` (missing: `422 missing_field`; wrong:
         *     `422 password_incorrect`) and takes effect once the link sent to it is followed. An
         *     address another user holds is answered the same way (its owner is told; the change stays
         *     pending). A few address changes per user an hour (`email_throttled`). At once every other
         *     session of the user ends, and the current address gets a notice with a link that, for 7
         *     days, puts it back (`POST /v1/auth/email-change/undo`). Marketing email is off unless
         *     switched on here.
         */
        patch: operations["updateProfile"];
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's members and their roles */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from the organisation
         * @description The last owner cannot be removed. When the member owns live API keys, say for each one
         *     whether to keep it (you become its owner) or revoke it; without a decision for every one
         *     the answer is `409 member_has_api_keys`, listing them in `api_keys`. The invitations the
         *     member sent are revoked. Each outcome is an audit event (`api_key.reassigned`,
         *     `api_key.revoked`, `invitation.revoked`, `member.removed`).
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description The last owner cannot be demoted. The member's sessions end (they log in again with the new role).
         */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations that are still open */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite someone by email
         * @description The link in the email holds a single-use token that expires after 7 days. Each inviter
         *     may send a few invitations an hour and each organisation a few per day
         *     (`email_throttled`); an address invited too often in an hour gets no more emails (the
         *     invitation is still made: the answer says nothing about who else invites it).
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation (its link stops working) */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's API keys (never their secrets) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key; its secret is in this response only
         * @description A key can never do more than whoever creates it. Its scope must be one the caller holds
         *     (`creatable_scopes` of `GET /v1/api-keys`), else `403 scope_not_allowed`; and it is owned
         *     by the person behind the caller (a key made by a key has that key's owner), whose role
         *     bounds it on every request for as long as it lives.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key; it is refused from the next request on */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation, its limits and its standing */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        /**
         * Close the organisation
         * @description Content is shredded at once (its key destroyed). Usage and account data are removed after
         *     a grace period, during which an owner can cancel; records that billing, tax and audit
         *     require are kept without personal data for their legal period, and listed here.
         */
        delete: operations["closeAccount"];
        options?: never;
        head?: never;
        /** Change the organisation's settings */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/v1/account/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Suspensions and reinstatements of this account, with their reasons and signals */
        get: operations["listAccountDecisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/review-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This account's requests for a human review, and their outcomes */
        get: operations["listReviewRequests"];
        put?: never;
        /** Ask for a human to review the automated suspension */
        post: operations["createReviewRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who did what, when and from which IP, newest first */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/login-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Log-ins to this organisation, with IP address and user agent, newest first
         * @description Kept for the retention policy's `ip_log_days` (90 by default), then removed.
         */
        get: operations["listLoginEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as an operator (password and TOTP code, always)
         * @description Operators are created with `npm run herald -- operators create --email … --name …`,
         *     which shows their password and TOTP secret once. The token answered here opens the
         *     operator routes for 12 hours; send it as `Authorization: Bearer hop_…`.
         */
        post: operations["createOperatorSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign out (the token stops working at once) */
        delete: operations["deleteOperatorSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/review-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Review requests waiting for an operator, oldest first */
        get: operations["listPendingReviewRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/review-requests/{review_request_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reinstate the account or uphold its suspension, with a reason the owner is told */
        post: operations["resolveReviewRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set an account's send rate limit */
        patch: operations["updateAccountLimits"];
        trace?: never;
    };
    "/v1/operator/provider-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider accounts Herald sends through, with their caps and backlogs
         * @description One per channel: the Twilio account (SMS, in segments a second), the SMTP server or
         *     relay (email) and the FCM project (push). Each message counts against its sender's cap
         *     and its provider account's; `backlog` is what waits on the provider account's now.
         */
        get: operations["listProviderAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/provider-accounts/{channel}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set a provider account's throughput cap
         * @description What the provider allows the whole account: a Twilio account's messaging limit, an SMTP
         *     relay's or SES's quota, FCM's 600,000 a minute. It replaces the `PACE_*_PROVIDER_PER_SECOND`
         *     default until set back to `null`. Messages accepted from then on are paced by it, in
         *     every API and worker process within 5 seconds; those already waiting keep their send
         *     times. Audited as `provider_account.pacing_changed`.
         */
        patch: operations["updateProviderAccount"];
        trace?: never;
    };
    "/v1/messages/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 100 messages in one request
         * @description Each message is validated and accepted on its own: the answer lists, in order, either
         *     the accepted message or the problem with that one. One `Idempotency-Key` covers the whole
         *     batch.
         */
        post: operations["sendMessageBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled or still-queued message */
        post: operations["cancelMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recipients that will not be sent to, newest first
         * @description Herald keeps a keyed hash of each identifier, and a masked form to recognise it by. To
         *     ask whether one recipient is suppressed, pass `identifier`.
         */
        get: operations["listSuppressions"];
        put?: never;
        /** Stop sending to a recipient */
        post: operations["createSuppression"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppressions/{suppression_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Allow sending to a recipient again */
        delete: operations["deleteSuppression"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/topics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The topics messages are sent about, by key */
        get: operations["listTopics"];
        put?: never;
        /** Add a topic end users can opt out of */
        post: operations["createTopic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/topics/{topic_key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a topic
         * @description Sends may no longer name it. End users' answers about it are kept (they are their
         *     consent): should the topic come back under the same key, they hold again.
         */
        delete: operations["deleteTopic"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One end user's preferences, with their history
         * @description Every topic, and all marketing, with the end user's current answer (subscribed unless
         *     they said otherwise) and every change with when and how it was given, newest first.
         */
        get: operations["getPreferences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Record what an end user said about marketing or topics
         * @description For an end user who told the organisation (on its own site, by phone): each change is
         *     kept with the time, `api` or `console`, and the key or user that recorded it. Answers
         *     that change nothing are not recorded again.
         */
        patch: operations["updatePreferences"];
        trace?: never;
    };
    "/v1/preferences/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A signed link to the end user's preference page
         * @description The page needs no log-in: the link is the end user's credential, signed by Herald, and
         *     works until `expires_at`. Send it to them (in an email footer, say); it holds a keyed
         *     hash and a masked form of the identifier, never the identifier itself.
         */
        post: operations["createPreferenceLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The numbers this organisation holds or has claimed */
        get: operations["listPhoneNumbers"];
        put?: never;
        /**
         * Claim a number; Herald texts it a code to prove control
         * @description The number is claimed as `pending_verification` and Herald texts it a six-digit code
         *     (valid 10 minutes, 5 tries); `POST /v1/phone-numbers/{phone_number_id}/verify` with that
         *     code makes it `verified`. Only then does the organisation hold it: its inbound SMS
         *     (point the number's incoming-message webhook at `POST /v1/providers/twilio/inbound`)
         *     are stored as this organisation's inbound messages and sent to its webhook endpoints as
         *     `message.received`, and messages may be sent `from` it. Claiming a pending number again
         *     texts a new code. A number another organisation holds is refused with
         *     `phone_number_taken`; numbers Herald provisions are assigned by its operator instead.
         *     Codes are rate limited per organisation and per number (`429`, with `Retry-After`).
         */
        post: operations["createPhoneNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{phone_number_id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Prove control of a claimed number with the code texted to it
         * @description The code makes the claim `verified`: the organisation holds the number. A wrong code is
         *     `verification_code_invalid` (the detail says how many tries are left); an expired or
         *     exhausted one is `verification_code_expired` (claim the number again for a new code).
         *     Verifying a number already verified returns it.
         */
        post: operations["verifyPhoneNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sender-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The email domains this organisation may send from
         * @description An email's `from` and `reply_to` must be on one of these domains: ones the organisation
         *     added and verified (`POST /v1/sender-domains`, then its DNS records), or ones the operator
         *     of this Herald listed (`npm run herald -- domains allow …`). Sends without `from` use
         *     Herald's configured sender.
         */
        get: operations["listSenderDomains"];
        put?: never;
        /**
         * Add a sending domain, with its DKIM key and the DNS records to publish
         * @description Herald makes a DKIM key pair for the domain (the private key sealed with the master key)
         *     and answers the records to publish: the DKIM key, an SPF include, and advised DMARC and
         *     return-path records. Test keys may send from the domain at once; live keys once
         *     `POST /v1/sender-domains/{domain}/verify` finds the DKIM and SPF records
         *     (`domain_not_verified` until then). Mail from it is signed with its key.
         */
        post: operations["createSenderDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sender-domains/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sending domain, with its throughput cap and what waits on it */
        get: operations["getSenderDomain"];
        put?: never;
        post?: never;
        /**
         * Stop sending from a domain
         * @description Its DKIM key is deleted with it; emails already accepted from it fail `sender_not_owned`
         *     when they fall due.
         */
        delete: operations["deleteSenderDomain"];
        options?: never;
        head?: never;
        /**
         * Set a sending domain's throughput cap
         * @description An SMTP relay or SES account has a per-second quota, and a new domain is best warmed up
         *     slowly. Emails from this domain over its cap wait in Herald (status `queued`) and are
         *     handed to the provider at the cap, across every worker process; a one-time code from
         *     another sender never waits behind them. The cap applies to messages accepted from now
         *     on; the ones already waiting keep the send times they were given. Whoever may set a
         *     number's cap may set a domain's (`numbers:manage`: admins, and API keys of `full` scope).
         */
        patch: operations["updateSenderDomain"];
        trace?: never;
    };
    "/v1/sender-domains/{domain}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Look the domain's DNS records up now
         * @description Each record's `status` says whether it was found; the domain is `verified` once its DKIM
         *     and SPF records are, and stays verified. DNS changes can take a while to be seen.
         */
        post: operations["verifySenderDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provider-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caps of the provider accounts every message also goes through
         * @description Besides its sender's cap, each message counts against the cap of the provider account
         *     Herald sends its channel through, which the operator sets. Shown without `backlog`: what
         *     waits there is every organisation's.
         */
        get: operations["listProviderCaps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's templates, at their latest versions, by name */
        get: operations["listTemplates"];
        put?: never;
        /**
         * Create a template (its version 1)
         * @description Each locale (a BCP 47 tag: `en`, `pt-BR`) has parts per channel, in Liquid: `{{ name }}`
         *     is a variable, `{% if %}` and `{% for %}` work, files do not. A send names the template
         *     and gives `variables`; a variable a part uses that the send does not give is refused
         *     (`template_variable_missing`), never left blank. HTML parts escape every variable unless
         *     it says `| raw`. Every part is checked here, so a template that saves renders.
         */
        post: operations["createTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a draft that is not saved, as a send would render it once saved
         * @description The same checks as creating it and the same rendering as a send: the console's live
         *     preview while a template is edited. Nothing is stored.
         */
        post: operations["previewTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template, at its latest version or the one named */
        get: operations["getTemplate"];
        put?: never;
        post?: never;
        /**
         * Delete a template and every version of it
         * @description Messages already sent from it keep their content; sends naming it are refused from now on.
         */
        delete: operations["deleteTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{template_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a version; sends that name no version use it from now on
         * @description The earlier versions stay, and a send or a preview may still name one (`template_version`).
         */
        post: operations["createTemplateVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{template_id}/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview what a send would say, without sending
         * @description Renders as a send would: the locale's fallback chain (`pt-BR` → `pt` → the default),
         *     the channel's parts and the variables, with the same errors. Nothing is stored.
         */
        post: operations["renderTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{phone_number_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One number, with its throughput cap and what waits on it */
        get: operations["getPhoneNumber"];
        put?: never;
        post?: never;
        /** Give up a number (or withdraw a claim); its inbound SMS stop coming here */
        delete: operations["deletePhoneNumber"];
        options?: never;
        head?: never;
        /**
         * Set a number's kind or throughput cap
         * @description Carriers cap what one number may send (a US long code about 1 SMS segment a second,
         *     toll-free 3, a short code 100); a provider queues what goes over and fails it hours
         *     later. Herald holds the excess instead and hands it over at the cap, across every
         *     worker process. The cap applies to messages accepted from now on; the ones already
         *     waiting keep the send times they were given.
         */
        patch: operations["updatePhoneNumber"];
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's webhook endpoints (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add an endpoint; its signing secret is in this response only
         * @description Events are signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`,
         *     `webhook-signature`). The URL must be `https` and resolve to a public address.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{webhook_endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Remove an endpoint (pending deliveries to it are dropped) */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change an endpoint's URL, events or description, or switch it on or off */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{webhook_endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret; the old one keeps signing for 24 hours
         * @description During the overlap every delivery carries both signatures, so receivers can switch without losing events.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{webhook_endpoint_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery attempts to an endpoint, newest first */
        get: operations["listWebhookAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{webhook_endpoint_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event to the endpoint again, now */
        post: operations["redeliverWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/signing-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The secret that signs deliveries to per-message `status_callback` URLs */
        get: operations["getSigningSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/twilio/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio's delivery status callbacks
         * @description Validated with `X-Twilio-Signature` (missing → 400, wrong → 403). Replays are harmless and a
         *     status never moves backwards.
         */
        post: operations["receiveTwilioStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/twilio/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Inbound SMS from Twilio
         * @description Validated with `X-Twilio-Signature`. `STOP`, `STOPALL`, `UNSUBSCRIBE`, `CANCEL`, `END` and
         *     `QUIT` suppress the sender; `START`, `YES` and `UNSTOP` lift it; `HELP` is answered with
         *     the organisation's help text (TwiML).
         */
        post: operations["receiveTwilioInbound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/email/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bounces and complaints from the email provider
         * @description A permanent bounce or a complaint suppresses the address; a bounce also marks the message
         *     `undelivered`. `email` must be the address of the message `provider_message_id` names
         *     (else `422 invalid_value`): one message's bounce never opts out someone else.
         */
        post: operations["receiveEmailEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a message said, decrypted
         * @description `content_not_stored` when the message was sent in no-store mode; `content_expired` when the
         *     retention policy (or an erasure) removed it; `content_unreadable` when its key was destroyed.
         */
        get: operations["getMessageContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How long each store keeps this organisation's data */
        get: operations["getRetentionPolicy"];
        /** Change how long each store keeps data, or stop storing content */
        put: operations["updateRetentionPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention-policy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many rows of each store the next retention runs will remove (a dry run) */
        get: operations["previewRetention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/retention-policy/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the retention jobs removed from this organisation's data, newest first */
        get: operations["listRetentionRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What Herald holds about one end user, by store and category */
        get: operations["findSubject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Build one machine-readable archive of everything held about an end user
         * @description The archive (JSON: usage records, decrypted content, suppression state) is built by a job.
         *     `download_url` is in this answer only; it works once, after `status` is `ready`, until
         *     `expires_at`.
         */
        post: operations["createSubjectExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/exports/{export_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether an export is ready */
        get: operations["getSubjectExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/exports/{export_id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an export archive, once
         * @description The archive is decrypted with the link's token (Herald keeps only its hash) and deleted after this download.
         */
        get: operations["downloadSubjectExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/erasures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase an end user from every store, the queues and the webhook log, with a signed receipt
         * @description Content rows are deleted; in usage rows the identifier is replaced by a keyed hash (counts
         *     survive, the person does not); pending jobs and webhook deliveries that carry them are
         *     removed. If they had opted out, only a keyed hash stays on the suppression list, so they
         *     are never messaged again.
         */
        post: operations["createSubjectErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/erasures/{erasure_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The receipt of an erasure */
        get: operations["getSubjectErasure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/restrictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop every send to, and all processing of, an end user without deleting anything */
        post: operations["createSubjectRestriction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/restrictions/{restriction_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a restriction */
        delete: operations["liftSubjectRestriction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every request about an end user (find, export, erase, restrict), with its deadline and status */
        get: operations["listPrivacyRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy-requests/form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The address of the organisation's hosted form for end users' own requests
         * @description Link it from your privacy notice. On it an end user asks for a copy of their data, its
         *     erasure, a restriction, or objects to marketing; Herald sends a one-time code to the
         *     phone number or email address they give (five tries, then locked), and acts once they
         *     enter it: erasure, restriction and objection at once, a copy by a download link sent to
         *     the same address. The request is in the register from the moment they submit the form.
         *     The address is the same every time for an organisation.
         */
        post: operations["createPrivacyRequestForm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/receipt-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public key that verifies erasure receipts (Ed25519) */
        get: operations["getReceiptKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything the account store holds about this organisation and its members, as JSON */
        get: operations["exportAccountData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/closure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the closing stands, and what is kept */
        get: operations["getAccountClosure"];
        put?: never;
        post?: never;
        /** Cancel the closing during its grace period (content already shredded stays gone) */
        delete: operations["cancelAccountClosure"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/accounts/{account_id}/legal-hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pause (or resume) every deletion of an account's data, for a legal reason */
        put: operations["setLegalHold"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages per day and channel, delivery rate and failures, over the last 7 or 30 days
         * @description Counted from the usage store (outbound messages by the UTC day they were accepted), for the
         *     console's overview. Only counts: no recipient and no content.
         */
        get: operations["getOverviewStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dev/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the local SMS, email and push servers received for this organisation (development only)
         * @description Under `npm start`, channels without provider credentials go to local servers that speak
         *     each provider's protocol. This lists what they received for this organisation's messages,
         *     newest first, matched by the id each server answered with (the message's
         *     `provider_message_id`). Off unless `DEV_INBOX_URL` is set, and never in production:
         *     `404 dev_inbox_disabled`.
         */
        get: operations["listDevInbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/accounts/{account_id}/suspension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend an account by hand, with a reason its owners are told
         * @description The same suspension the abuse checks decide, made by a person (`automated: false`): sends
         *     are refused with `account_suspended`, the owners are emailed the reason, and they can ask
         *     for a review.
         */
        post: operations["suspendAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The three stores and Redis answer, a worker is alive, and Redis holds its schedules
         * @description `workers` is `ok` while at least one worker process beats its heartbeat in Redis (every
         *     5 s, counted alive for 15 s). `schedules` is `ok` while Redis holds every repeatable job
         *     Herald needs and was not emptied since the workers last rebuilt it from the stores (they
         *     look every `REDIS_WATCH_INTERVAL_MS`). With `READYZ_REQUIRE_WORKERS=false` both are still
         *     reported but do not turn the answer into `503`.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/Messages.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SMS, newest first, with Twilio's paging fields
         * @description Pages forward only: `next_page_uri` carries a `PageToken`; `previous_page_uri` is always
         *     null. `PageSize` above 100 is served 100 at a time (the next page continues). `DateSent`
         *     filters on when Herald accepted the message.
         */
        get: operations["twilioListMessages"];
        put?: never;
        /**
         * Send an SMS the way Twilio's `Messages.create` does
         * @description `To`, `From`, `Body`, `StatusCallback`, `ValidityPeriod`, `SendAt` and `ContentRetention`
         *     (`discard` is Herald's no-store mode) map to `POST /v1/messages` with `channel: sms`.
         *     `MessagingServiceSid` is accepted and ignored: Herald sends from `From`, or from its
         *     configured default sender. A `From` the organisation does not hold verified is refused
         *     with Twilio's `21606` ("not a valid, SMS-capable inbound phone number … for your
         *     account"). `ContentSid` names a Herald template (its id or name, `POST /v1/templates`)
         *     with `ContentVariables` its variables, in place of `Body`; a name Herald does not know is
         *     Twilio's `21655`. `MediaUrl` is refused (Herald sends no MMS); Twilio's other optional
         *     fields are ignored.
         *     `StatusCallback` receives Herald's signed webhook events (JSON, Standard Webhooks), not
         *     Twilio's form posts. An `Idempotency-Key` works as on `POST /v1/messages`.
         */
        post: operations["twilioCreateMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fetch an SMS as Twilio's message resource */
        get: operations["twilioFetchMessage"];
        put?: never;
        post?: never;
        /**
         * Cancel an SMS that has not gone out yet, or remove a finished one
         * @description Herald keeps message records for its retention policy (and erases an end user's with
         *     `POST /v1/subjects/erasures`), so this cancels a message still `scheduled` or `queued`
         *     (it then reads `canceled`), and removes a finished one's content and recipient as
         *     `DELETE /v1/messages/{id}` does (its record stays, for billing); one being handed to
         *     the provider is refused with `20009`.
         */
        delete: operations["twilioDeleteMessage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Counts only, no one's data. */
        OverviewStats: {
            /** @constant */
            object: "overview_stats";
            days: number;
            /**
             * Format: date-time
             * @description The start of the first UTC day counted.
             */
            from: string;
            /**
             * Format: date-time
             * @description Now.
             */
            to: string;
            /** @description Outbound messages accepted in the period. */
            total: number;
            /**
             * @description Of the outbound messages that finished (`sent`, `delivered`, `undelivered`, `failed`),
             *     the share that reached the provider and was not reported undelivered (`sent` or
             *     `delivered`), from 0 to 1; null when none finished.
             */
            delivery_rate: number | null;
            /** @description One entry per UTC day, oldest first, days without messages included. */
            daily: components["schemas"]["OverviewDay"][];
            /** @description Outbound messages of the period by their status now. */
            statuses: {
                status: components["schemas"]["MessageStatus"];
                count: number;
            }[];
            /** @description Failed and undelivered messages of the period by error code, most frequent first. */
            failures: {
                error_code: string;
                count: number;
            }[];
            /** @description Inbound messages received in the period. */
            inbound: number;
        };
        OverviewDay: {
            /** Format: date */
            date: string;
            /** @description Outbound SMS accepted that day. */
            sms: number;
            email: number;
            push: number;
            /** @description Those of the day that finished. */
            finished: number;
            /** @description Those of the day that are `sent` or `delivered`. */
            delivered: number;
            /** @description Those of the day that are `failed` or `undelivered`. */
            failed: number;
            delivery_rate: number | null;
        };
        DevInbox: {
            /** @constant */
            object: "list";
            data: components["schemas"]["DevInboxItem"][];
        };
        /** @description One SMS, email or push as a local provider server received it. The fields are those of its channel. */
        DevInboxItem: {
            /** @constant */
            object: "dev_inbox_item";
            /** @description The id the local server answered with (Twilio SID, Message-ID, FCM name). */
            id: string;
            message_id: components["schemas"]["MessageId"];
            channel: components["schemas"]["Channel"];
            to: string;
            from: string | null;
            /** Format: date-time */
            received_at: string;
            body?: string;
            subject?: string;
            text?: string;
            html?: string;
            title?: string;
            data?: {
                [key: string]: string;
            };
        };
        SuspendAccountRequest: {
            /** @description Why; the owners are emailed it and see it in the console. */
            reason: string;
        };
        /** @description What a message said. The fields are those of its channel. */
        MessageContent: {
            /** @constant */
            object: "message_content";
            message_id: components["schemas"]["MessageId"];
            channel: components["schemas"]["Channel"];
            body?: string;
            subject?: string;
            html?: string;
            text?: string;
            title?: string;
            data?: {
                [key: string]: string;
            };
            /** @description The display name of the email's `from`, as it was checked and sent. */
            from_name?: string;
            /** @description The email's `reply_to`, as it was checked and sent. */
            reply_to?: {
                name: string;
                address: string;
            };
        };
        RetentionPolicy: {
            /** @constant */
            object: "retention_policy";
            /** @description Days message content is kept; 0 means it is never stored (no-store mode). */
            content_days: number;
            /** @description Days messages, their events and webhook logs are kept. */
            usage_days: number;
            /** @description Days log-in IP addresses and user agents are kept. */
            ip_log_days: number;
            /** @description False means no-store mode for every message (the same as `content_days` 0). */
            store_content: boolean;
            /** @description Set by an operator; while on, no retention job deletes anything of this account. */
            legal_hold: boolean;
            /** Format: date-time */
            updated_at: string;
        };
        UpdateRetentionPolicyRequest: {
            content_days?: number;
            usage_days?: number;
            ip_log_days?: number;
            store_content?: boolean;
        };
        RetentionPreview: {
            /** @constant */
            object: "retention_preview";
            legal_hold: boolean;
            /** @description Content rows the next `retention.content` run would remove. */
            content: number;
            /** @description Messages the next `retention.usage` run would remove (with their events and webhook logs). */
            usage: number;
            /** @description Log-in records and IP addresses the next `retention.account` run would remove. */
            account: number;
        };
        RetentionRun: {
            id: string;
            /** @constant */
            object: "retention_run";
            /** @enum {string} */
            store: "account" | "usage" | "content";
            rows_removed: number;
            /** Format: date-time */
            started_at: string;
            duration_ms: number;
        };
        RetentionRunList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["RetentionRun"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        LegalHoldRequest: {
            legal_hold: boolean;
            reason: string;
        };
        SubjectRequest: {
            /** @description The end user's phone number (E.164), email address or push token. */
            identifier: string;
            /** @description Which channel the identifier belongs to; guessed from its shape when absent. */
            channel?: components["schemas"]["Channel"];
            /**
             * Format: date-time
             * @description When the end user made the request to the organisation (by email, at a desk, on the
             *     phone). The 30-day clock starts there, not when it is filed here; now when absent.
             *     Never in the future (`invalid_received_at`).
             */
            received_at?: string;
        };
        SubjectHolding: {
            /** @enum {string} */
            store: "account" | "usage" | "content" | "queue";
            category: string;
            count: number;
            description: string;
        };
        Subject: {
            /** @constant */
            object: "subject";
            channel: components["schemas"]["Channel"];
            identifier_masked: string;
            holdings: components["schemas"]["SubjectHolding"][];
            /** @description Why they are on the suppression list, if they are. */
            suppressed: components["schemas"]["SuppressionReason"] | null;
            restricted: boolean;
        };
        SubjectExport: {
            id: string;
            /** @constant */
            object: "subject_export";
            /** @enum {string} */
            status: "pending" | "ready" | "downloaded" | "expired" | "failed";
            /** @description In the creation answer only. Works once, after `status` is `ready`, until `expires_at`. */
            download_url?: string;
            /**
             * Format: date-time
             * @description When the request must be answered by (30 days).
             */
            deadline_at: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            created_at: string;
        };
        /** @description Everything held about one end user of one organisation. */
        SubjectArchive: {
            /** @constant */
            object: "subject_archive";
            /** Format: date-time */
            generated_at: string;
            channel: components["schemas"]["Channel"];
            identifier: string;
            messages: {
                message: components["schemas"]["Message"];
                events: components["schemas"]["MessageEvent"][];
                content: components["schemas"]["MessageContent"] | null;
            }[];
            suppression: components["schemas"]["Suppression"] | null;
            restricted: boolean;
            /** @description Every answer they gave about marketing and topics, newest first. */
            preference_changes?: components["schemas"]["PreferenceChange"][];
        };
        /**
         * @description What an erasure removed, signed. Verify `signature` (Ed25519, base64) over the UTF-8 bytes of
         *     `signed_payload` with the key from `GET /v1/privacy/receipt-key`.
         */
        ErasureReceipt: {
            id: string;
            /** @constant */
            object: "erasure_receipt";
            /** @description The keyed hash that now stands for the end user in the usage store. */
            identifier_hash: string;
            channel: components["schemas"]["Channel"];
            /** @description Rows (and jobs) touched in each place, by kind. */
            counts: {
                [key: string]: number;
            };
            /**
             * @description Who else held the end user's data, and what they were asked: each provider their
             *     messages went through (`twilio` deletes its copy through its API; SMTP and FCM offer
             *     no way to, and `reason` says so) and the organisation's webhook endpoints, told with
             *     `subject.erased`. Signed with the counts.
             */
            propagation: {
                to: string;
                count: number;
                /** @enum {string} */
                outcome: "deletion_requested" | "notified" | "not_possible";
                reason: string | null;
            }[];
            /**
             * @description How far the deletions asked of providers have got, message by message: `deleted`,
             *     `gone` (the provider had no such message any more), `pending` (retried with backoff:
             *     Twilio refuses to delete a message it is still delivering) and `failed` (still refused
             *     after 15 days). Not signed: it moves after the receipt is made.
             */
            provider_deletions: {
                pending: number;
                deleted: number;
                gone: number;
                failed: number;
            };
            /** Format: date-time */
            completed_at: string;
            /** @description The canonical JSON the signature covers. */
            signed_payload: string;
            signature: string;
        };
        SubjectRestriction: {
            id: string;
            /** @constant */
            object: "subject_restriction";
            channel: components["schemas"]["Channel"];
            identifier_masked: string;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @description One request about an end user, with its statutory clock: `received_at` (when they asked:
         *     the clock starts there), `verified_at` (when Herald, or the organisation filing it, knew
         *     it was them), `deadline_at` (30 days after receipt), `completed_at` and `outcome`.
         *     Requests the end user files on the organisation's hosted form are
         *     `awaiting_verification` until they enter the code sent to the identifier, and `expired`
         *     if they never do.
         */
        PrivacyRequest: {
            id: string;
            /** @constant */
            object: "privacy_request";
            /** @enum {string} */
            kind: "find" | "export" | "erasure" | "restriction" | "restriction_lifted" | "objection";
            /** @enum {string} */
            status: "awaiting_verification" | "pending" | "completed" | "failed" | "expired";
            /**
             * @description Filed by the organisation (API, console) or by the end user on its hosted form.
             * @enum {string}
             */
            source: "organisation" | "end_user";
            channel: components["schemas"]["Channel"];
            /** @description A keyed hash of the end user; the identifier itself is never recorded. */
            identifier_hash: string;
            /** Format: date-time */
            received_at: string;
            /** Format: date-time */
            verified_at: string | null;
            /**
             * Format: date-time
             * @description When it is due, 30 days after `received_at`.
             */
            deadline_at: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            completed_at: string | null;
            /** @description What was done, in a sentence (the receipt or export it made), once done. */
            outcome: string | null;
        };
        PrivacyRequestForm: {
            /** @constant */
            object: "privacy_request_form";
            /** @description The form, under `HERALD_PUBLIC_URL`. */
            url: string;
        };
        PrivacyRequestList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["PrivacyRequest"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        ReceiptKey: {
            /** @constant */
            object: "receipt_key";
            /** @constant */
            algorithm: "Ed25519";
            /** @description SPKI, PEM. */
            public_key: string;
        };
        /** @description The account store's data about the organisation and its members. */
        AccountExport: {
            /** @constant */
            object: "account_export";
            /** Format: date-time */
            generated_at: string;
            account: components["schemas"]["Account"];
            members: components["schemas"]["Member"][];
            api_keys: components["schemas"]["ApiKey"][];
            audit_events: components["schemas"]["AuditEvent"][];
            login_events: components["schemas"]["LoginEvent"][];
            invitations: components["schemas"]["Invitation"][];
            phone_numbers: components["schemas"]["InboundNumber"][];
            webhook_endpoints: components["schemas"]["WebhookEndpoint"][];
            decisions: components["schemas"]["AccountDecision"][];
            review_requests: components["schemas"]["ReviewRequest"][];
            /** @description Every template, at its latest version. */
            templates: components["schemas"]["Template"][];
            /** @description Every topic end users can opt out of. */
            topics: components["schemas"]["Topic"][];
            retention_policy: components["schemas"]["RetentionPolicy"];
        };
        CloseAccountRequest: {
            /** @description The organisation's name, exactly, to confirm. */
            confirm: string;
        };
        KeptRecord: {
            /** @enum {string} */
            category: "billing" | "audit";
            contents: string;
            /** Format: date-time */
            kept_until: string;
            why: string;
        };
        AccountClosure: {
            /** @constant */
            object: "account_closure";
            /** @enum {string} */
            status: "closing" | "purged";
            /** Format: date-time */
            requested_at: string;
            /** Format: date-time */
            content_shredded_at: string;
            /**
             * Format: date-time
             * @description When usage and account data are removed; until then an owner can cancel.
             */
            purge_at: string;
            kept: components["schemas"]["KeptRecord"][];
        };
        /**
         * Format: date-time
         * @description Send later — at least 1 minute and at most 35 days from now. The message is `scheduled` until then.
         */
        SendAt: string;
        /**
         * @description `none`: no-store mode for this message. The content is never written to a database: it
         *     travels in the queue encrypted and is removed from Redis when the job ends. Reading it later
         *     answers `content_not_stored`. By default the account's retention policy decides.
         * @enum {string}
         */
        ContentRetention: "stored" | "none";
        /** @description Seconds the message may wait to be handed to a provider; after that it ends `failed` with `validity_expired`. */
        ValidityPeriod: number;
        /**
         * @description `high` goes ahead of its sender's paced backlog: a one-time code sent from a number
         *     with a campaign waiting on it goes out next, not after the campaign. Each sender has a
         *     throughput cap (a long code 1 segment a second, toll-free 3, a short code 100; see
         *     `PATCH /v1/phone-numbers/{phone_number_id}`); messages over it wait in Herald, not at
         *     the provider. Keep `high` for what a person is waiting for: every `high` message is
         *     sent on top of the cap's schedule, and pushes the backlog back by its own cost.
         * @default normal
         * @enum {string}
         */
        Priority: "high" | "normal";
        SendMessageBatchRequest: {
            /** @description Up to 100 messages, each of them what `POST /v1/messages` takes. */
            messages: {
                [key: string]: unknown;
            }[];
        };
        MessageBatchResult: {
            /** @constant */
            object: "list";
            data: components["schemas"]["MessageBatchItem"][];
        };
        MessageBatchItem: {
            /** @description The position of the message in the request. */
            index: number;
            message?: components["schemas"]["Message"];
            error?: components["schemas"]["Problem"];
        };
        /**
         * @description `opt_out` (the recipient texted STOP), `bounce` (a permanent email bounce),
         *     `complaint` (marked as spam), `unregistered` (a push token FCM no longer knows),
         *     `manual` (added through the API), `restricted` (a restriction: no send to, and no
         *     processing of, the end user until it is lifted with `DELETE /v1/subjects/restrictions/{id}`).
         * @enum {string}
         */
        SuppressionReason: "opt_out" | "bounce" | "complaint" | "unregistered" | "manual" | "restricted";
        Suppression: {
            id: string;
            /** @constant */
            object: "suppression";
            channel: components["schemas"]["Channel"];
            /** @description Enough of the identifier to recognise it (`+1415•••0100`); Herald keeps only a keyed hash of the rest. */
            identifier_masked: string;
            reason: components["schemas"]["SuppressionReason"];
            /** Format: date-time */
            created_at: string;
        };
        SuppressionList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Suppression"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        CreateSuppressionRequest: {
            channel: components["schemas"]["Channel"];
            /** @description The phone number (E.164), email address or push token. */
            identifier: string;
        };
        InboundNumber: {
            id: string;
            /** @constant */
            object: "phone_number";
            number: components["schemas"]["PhoneNumber"];
            /**
             * @description `verified`: the organisation holds the number (its inbound SMS come here, and it may
             *     send from it). `pending_verification`: claimed, waiting for the texted code.
             * @enum {string}
             */
            status: "pending_verification" | "verified";
            /** Format: date-time */
            verified_at: string | null;
            /** Format: date-time */
            created_at: string;
            kind: components["schemas"]["SenderKind"];
            /**
             * @description Its throughput cap: SMS segments a second handed to the provider from this number.
             *     What is sent over it waits in Herald (status `queued`) and goes out at the cap, so
             *     the carrier never queues or drops it. The default is its kind's: a long code 1,
             *     toll-free 3, a short code 100. Set with `PATCH /v1/phone-numbers/{phone_number_id}`.
             */
            segments_per_second: number;
            /**
             * @description What waits on this number's cap now (on `GET /v1/phone-numbers/{phone_number_id}`
             *     and its `PATCH`): about how many segments, and when the last of them goes out.
             */
            backlog?: {
                segments: number;
                /** Format: date-time */
                clears_at: string | null;
            };
        };
        /**
         * @description What a carrier lets the number send, and so its default cap. Unless set, a North
         *     American toll-free area code (800, 833, 844, 855, 866, 877, 888) is `toll_free` and any
         *     other number a `long_code`; a short code is set by hand.
         * @enum {string}
         */
        SenderKind: "long_code" | "toll_free" | "short_code";
        UpdatePhoneNumberRequest: {
            /** @description The number's kind; `null` goes back to what its area code says. */
            kind?: components["schemas"]["SenderKind"] | null;
            /**
             * @description Its cap in SMS segments a second (0.5 is one every two seconds); `null` goes back to
             *     its kind's default. Messages accepted from now on are paced by it.
             */
            segments_per_second?: number | null;
        };
        PhoneNumberList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["InboundNumber"][];
        };
        CreatePhoneNumberRequest: {
            number: components["schemas"]["PhoneNumber"];
        };
        VerifyPhoneNumberRequest: {
            /** @description The six digits texted to the number. */
            code: string;
        };
        SenderDomain: {
            /** @constant */
            object: "sender_domain";
            /** @description In its ASCII form (an internationalised domain as `xn--…`). */
            domain: string;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `pending` until its DKIM and SPF records are found: only test keys may send from it
             *     until then.
             * @enum {string}
             */
            status: "verified" | "pending";
            /** Format: date-time */
            verified_at: string | null;
            /**
             * @description Added by the organisation (proved by DNS, signed with its DKIM key) or listed by the operator.
             * @enum {string}
             */
            added_by: "organisation" | "operator";
            /** @description The records to publish; none for a domain the operator listed. */
            dns_records: components["schemas"]["DnsRecord"][];
            /** Format: date-time */
            checked_at: string | null;
            /**
             * @description Its throughput cap: emails a second handed to the provider from this domain. What is
             *     sent over it waits in Herald (status `queued`) and goes out at the cap. Its own when
             *     set (`PATCH /v1/sender-domains/{domain}`), else the operator's default
             *     (`PACE_EMAIL_DOMAIN_PER_SECOND`); `null` when neither caps it.
             */
            messages_per_second: number | null;
            /**
             * @description What waits on this domain's cap now (on `GET /v1/sender-domains/{domain}` and its
             *     `PATCH`): about how many emails, and when the last of them goes out.
             */
            backlog?: {
                messages: number;
                /** Format: date-time */
                clears_at: string | null;
            };
        };
        CreateSenderDomainRequest: {
            /** @description The domain to send from, like `mail.example.com` (a Unicode one is kept in its `xn--` form). */
            domain: string;
        };
        DnsRecord: {
            /** @enum {string} */
            purpose: "dkim" | "spf" | "dmarc" | "return_path";
            /** @enum {string} */
            type: "TXT" | "CNAME";
            name: string;
            value: string;
            /** @description Needed for the domain to be verified (DKIM and SPF); DMARC and the return path are advised. */
            required: boolean;
            /**
             * @description What the last look-up found.
             * @enum {string}
             */
            status: "verified" | "pending" | "not_checked";
        };
        UpdateSenderDomainRequest: {
            /**
             * @description Its cap in emails a second (0.5 is one every two seconds); `null` goes back to the
             *     operator's default. Messages accepted from now on are paced by it.
             */
            messages_per_second: number | null;
        };
        ProviderAccount: {
            /** @constant */
            object: "provider_account";
            /** @enum {string} */
            channel: "sms" | "email" | "push";
            /**
             * @description The Twilio account, the SMTP server or relay, the FCM project.
             * @enum {string}
             */
            provider: "twilio" | "smtp" | "fcm";
            /**
             * @description What the cap counts; SMS counts segments, as carriers do.
             * @enum {string}
             */
            unit: "segments" | "messages";
            /** @description The cap in force, in `unit`s a second; `null` when nothing caps it. */
            per_second: number | null;
            /** @description The operator's `PACE_*_PROVIDER_PER_SECOND`, in force while `set_at` is null. */
            default_per_second: number | null;
            /**
             * Format: date-time
             * @description When an operator set `per_second`; `null` while the default applies.
             */
            set_at: string | null;
            /**
             * @description What waits on this provider account's cap now (operators only): about how many
             *     `unit`s, and when the last of them goes out.
             */
            backlog?: {
                units: number;
                /** Format: date-time */
                clears_at: string | null;
            };
        };
        ProviderAccountList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["ProviderAccount"][];
        };
        UpdateProviderAccountRequest: {
            /** @description The cap in `unit`s a second (segments for SMS); `null` goes back to the default. */
            per_second: number | null;
        };
        /**
         * @description Your handle for it, unique in your organisation (`order-shipped`): lower-case letters,
         *     digits, `-` and `_`, not starting `tpl_` (ids do).
         */
        TemplateName: string;
        /** @description A BCP 47 language tag, like `en`, `pt-BR` or `zh-Hant`. */
        LocaleTag: string;
        /**
         * @description The values the template's parts name, `{ "name": "Ana", "order": { "id": "A-1" } }`.
         *     What they render to is message content: it is stored encrypted, or not at all in
         *     no-store mode, and an erasure finds it.
         */
        TemplateVariables: {
            [key: string]: unknown;
        };
        /** @description One locale's parts, per channel, in Liquid. */
        TemplateLocaleParts: {
            sms?: {
                body: string;
            };
            /** @description At least one of `text` and `html`. */
            email?: {
                subject: string;
                text?: string;
                html?: string;
            };
            push?: {
                title?: string;
                body?: string;
                data?: {
                    [key: string]: string;
                };
            };
        };
        TemplateLocales: {
            [key: string]: components["schemas"]["TemplateLocaleParts"];
        };
        CreateTemplateRequest: {
            name: components["schemas"]["TemplateName"];
            description?: string | null;
            default_locale: components["schemas"]["LocaleTag"];
            locales: components["schemas"]["TemplateLocales"];
        };
        CreateTemplateVersionRequest: {
            description?: string | null;
            default_locale: components["schemas"]["LocaleTag"];
            locales: components["schemas"]["TemplateLocales"];
        };
        /** @description Your organisation's own text, so account data; what it renders to is content. */
        Template: {
            /** @constant */
            object: "template";
            id: string;
            name: string;
            description: string | null;
            version: number;
            default_locale: string;
            locales: components["schemas"]["TemplateLocales"];
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When this version was made.
             */
            updated_at: string;
        };
        TemplateList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Template"][];
        };
        RenderTemplateRequest: {
            channel: components["schemas"]["Channel"];
            locale?: components["schemas"]["LocaleTag"];
            version?: number;
            variables?: components["schemas"]["TemplateVariables"];
        };
        PreviewTemplateRequest: {
            channel: components["schemas"]["Channel"];
            default_locale: components["schemas"]["LocaleTag"];
            locales: components["schemas"]["TemplateLocales"];
            locale?: components["schemas"]["LocaleTag"];
            variables?: components["schemas"]["TemplateVariables"];
        };
        RenderedTemplate: {
            /** @constant */
            object: "rendered_template";
            /** @description Null for a draft (`POST /v1/templates/preview`). */
            template_id: string | null;
            version: number | null;
            /** @description The locale whose parts were used, after the fallback chain. */
            locale: string;
            channel: components["schemas"]["Channel"];
            /** @description What the message would say, the fields of its channel. */
            content: {
                body?: string;
                subject?: string;
                text?: string;
                html?: string;
                title?: string;
                data?: {
                    [key: string]: string;
                };
            };
        };
        MessageRemoval: {
            /** @constant */
            object: "message_removal";
            message_id: components["schemas"]["MessageId"];
            /** Format: date-time */
            removed_at: string;
            /** @description False when there was none to remove (no-store mode, retention, or removed before). */
            content_removed: boolean;
            /** @description False when it was already the keyed hash (an erasure, or removed before). */
            identifier_removed: boolean;
            webhook_events_removed: number;
        };
        SenderDomainList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["SenderDomain"][];
        };
        /**
         * @description `transactional` (the default) is what the end user asked for: a receipt, a code. It goes
         *     whatever they said about marketing. `marketing` is refused to an end user who opted out
         *     of all marketing (`recipient_unsubscribed`), and marketing email carries one-click
         *     unsubscribe (`List-Unsubscribe`, RFC 8058).
         * @enum {string}
         */
        MessageCategory: "transactional" | "marketing";
        /** @description A topic's key, like `billing` or `product-news`. */
        TopicKeyValue: string;
        Topic: {
            /** @constant */
            object: "topic";
            key: components["schemas"]["TopicKeyValue"];
            name: string;
            description: string | null;
            /** Format: date-time */
            created_at: string;
        };
        TopicList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Topic"][];
        };
        CreateTopicRequest: {
            key: components["schemas"]["TopicKeyValue"];
            name: string;
            description?: string;
        };
        /**
         * @description How the answer was given: recorded through the API or the console for the end user, or
         *     by the end user on their preference page, with an email's one-click unsubscribe, or by
         *     objecting to marketing on the organisation's privacy request form.
         * @enum {string}
         */
        PreferenceSource: "api" | "console" | "preference_page" | "one_click_unsubscribe" | "privacy_request";
        PreferenceChange: {
            /** @description The topic's key, or null for all marketing. */
            topic: string | null;
            subscribed: boolean;
            source: components["schemas"]["PreferenceSource"];
            /** Format: date-time */
            recorded_at: string;
        };
        TopicPreference: {
            topic: components["schemas"]["TopicKeyValue"];
            name: string;
            subscribed: boolean;
            /**
             * Format: date-time
             * @description When they last answered; null if they never did (subscribed).
             */
            updated_at: string | null;
        };
        Preferences: {
            /** @constant */
            object: "preferences";
            channel: components["schemas"]["Channel"];
            identifier_masked: string;
            marketing: {
                subscribed: boolean;
                /** Format: date-time */
                updated_at: string | null;
            };
            topics: components["schemas"]["TopicPreference"][];
            /** @description Every change, newest first (the latest 100). */
            history: components["schemas"]["PreferenceChange"][];
        };
        UpdatePreferencesRequest: {
            channel: components["schemas"]["Channel"];
            /** @description The phone number (E.164), email address or push token. */
            identifier: string;
            /** @description Subscribed to marketing (false opts out of all of it). */
            marketing?: boolean;
            /** @description Topic keys and whether the end user is subscribed: `{"product-news": false}`. */
            topics?: {
                [key: string]: boolean;
            };
        };
        CreatePreferenceLinkRequest: {
            channel: components["schemas"]["Channel"];
            /** @description The phone number (E.164), email address or push token. */
            identifier: string;
            /** @description Seconds the link works; 7 days when left out, at most 90 days. */
            expires_in?: number;
        };
        PreferenceLink: {
            /** @constant */
            object: "preference_link";
            /** @description The page, under `HERALD_PUBLIC_URL`. */
            url: string;
            /** Format: date-time */
            expires_at: string;
        };
        /** @description What a `preference.updated` event says changed. */
        PreferenceUpdate: {
            channel: components["schemas"]["Channel"];
            identifier_masked: string;
            changes: {
                topic: string | null;
                subscribed: boolean;
            }[];
            source: components["schemas"]["PreferenceSource"];
        };
        /**
         * @description An end user erased (`subject.erased`, with the receipt's id and counts), restricted
         *     (`subject.restricted`) or no longer restricted (`subject.restriction_lifted`, both with
         *     the restriction's id). Delete or restrict your own copies of their data too.
         */
        SubjectEvent: {
            channel: components["schemas"]["Channel"];
            /** @description The keyed hash Herald names the end user by; the identifier is never sent. */
            identifier_hash: string;
            erasure_id?: string;
            restriction_id?: string;
            /** @description What the erasure removed, by kind, as its receipt counts them. */
            counts?: {
                [key: string]: number;
            };
        };
        /**
         * @description Every status a message moves to, every inbound message, and every recipient added to or
         *     removed from the suppression list (through `/v1/suppressions`, a STOP or START, a
         *     bounce, a complaint or a failure that says the recipient cannot be reached; not a
         *     restriction, which the organisation asked for), so a mirror of opt-outs stays true; and
         *     every end user erased, restricted or whose restriction is lifted (`subject.*`, named by
         *     keyed hash only), so the organisation can do the same to its own copies.
         * @enum {string}
         */
        WebhookEventType: "message.scheduled" | "message.sending" | "message.sent" | "message.delivered" | "message.undelivered" | "message.failed" | "message.canceled" | "message.received" | "suppression.created" | "suppression.deleted" | "preference.updated" | "subject.erased" | "subject.restricted" | "subject.restriction_lifted";
        WebhookEndpointFields: {
            id: string;
            /** @constant */
            object: "webhook_endpoint";
            url: string;
            /** @description The events sent here; empty means every event. */
            event_types: components["schemas"]["WebhookEventType"][];
            description: string | null;
            disabled: boolean;
            /** @description Why it stopped (for example, it answered `410 Gone`). */
            disabled_reason: string | null;
            /** Format: date-time */
            created_at: string;
        };
        WebhookEndpoint: components["schemas"]["WebhookEndpointFields"];
        CreatedWebhookEndpoint: {
            /** @description `whsec_...`, the Standard Webhooks signing secret. Shown once. */
            secret: string;
        } & components["schemas"]["WebhookEndpointFields"];
        WebhookEndpointList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["WebhookEndpoint"][];
        };
        /** Format: uri */
        WebhookUrl: string;
        CreateWebhookEndpointRequest: {
            url: components["schemas"]["WebhookUrl"];
            event_types?: components["schemas"]["WebhookEventType"][];
            description?: string;
        };
        UpdateWebhookEndpointRequest: {
            url?: components["schemas"]["WebhookUrl"];
            event_types?: components["schemas"]["WebhookEventType"][];
            description?: string | null;
            disabled?: boolean;
        };
        WebhookAttempt: {
            id: string;
            /** @constant */
            object: "webhook_attempt";
            event_id: string;
            event_type: components["schemas"]["WebhookEventType"];
            /** @description 1 for the first try. */
            attempt: number;
            /** @description The endpoint's HTTP status, or null when there was none. */
            status_code: number | null;
            /** @description Why it failed: `timeout`, `connection_refused`, `redirect_not_followed`, `http_500`... */
            error: string | null;
            duration_ms: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            next_attempt_at: string | null;
        };
        WebhookAttemptList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["WebhookAttempt"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        RedeliverRequest: {
            event_id: string;
        };
        SigningSecret: {
            /** @constant */
            object: "signing_secret";
            /** @description `whsec_...` */
            secret: string;
        };
        /**
         * @description The body of every delivery. Verify it with the Standard Webhooks headers before trusting it.
         *     `data.message` is the message as `GET /v1/messages/{id}` shows it (its `status` and
         *     `error_code` as of this event); for `message.received`, `data.body` is the text the end
         *     user sent. `suppression.*` events carry `data.suppression` instead, as
         *     `GET /v1/suppressions` shows it (the identifier masked); `preference.updated` carries
         *     `data.preferences`: what changed, how, and the identifier masked. `subject.*` events
         *     carry `data.subject`: the end user's channel and keyed hash (the `identifier_hash` of the
         *     erasure receipt and the privacy requests), never the identifier.
         *
         *     A `2xx` answer counts; anything else, a redirect included (never followed), is retried
         *     with the same `webhook-id` and the same bytes, after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
         *     14 h, 20 h and 24 h (ten attempts, about three days), or later when `Retry-After` asks
         *     (up to 24 h). `410 Gone` switches the endpoint off.
         */
        WebhookEvent: {
            /** @description The event id; the same as `webhook-id`. */
            id: string;
            type: components["schemas"]["WebhookEventType"];
            /** Format: date-time */
            created_at: string;
            data: {
                message?: components["schemas"]["Message"];
                body?: string;
                suppression?: components["schemas"]["Suppression"];
                preferences?: components["schemas"]["PreferenceUpdate"];
                subject?: components["schemas"]["SubjectEvent"];
            };
        };
        /** @description The fields Twilio posts (it posts more; those are kept out of Herald). */
        TwilioStatusCallback: {
            MessageSid: string;
            MessageStatus: string;
            ErrorCode?: string;
            AccountSid?: string;
        } & {
            [key: string]: string;
        };
        TwilioInbound: {
            MessageSid?: string;
            From: string;
            To: string;
            Body?: string;
            AccountSid?: string;
        } & {
            [key: string]: string;
        };
        EmailProviderEvent: {
            /** @enum {string} */
            type: "bounce" | "complaint";
            email: components["schemas"]["EmailAddress"];
            /** @description The Message-ID the bounce is about, when the provider says. */
            provider_message_id?: string;
            /**
             * @default permanent
             * @enum {string}
             */
            bounce_type?: "permanent" | "transient";
            diagnostic?: string;
        };
        UserId: string;
        AccountId: string;
        /**
         * @description `owner` (everything), `admin` (everything but closing the account and reviews),
         *     `developer` (send, read, keys), `viewer` (read). See the permission table in the README.
         * @enum {string}
         */
        Role: "owner" | "admin" | "developer" | "viewer";
        /**
         * @description What a caller may do: each operation names the one it needs (`x-permission`), and
         *     docs/permissions.md shows which role and API key scope holds which.
         * @enum {string}
         */
        Permission: "self" | "messages:send" | "messages:read" | "messages:delete" | "api_keys:read" | "api_keys:manage" | "members:read" | "members:manage" | "account:read" | "account:manage" | "account:review" | "audit:read" | "suppressions:read" | "suppressions:manage" | "numbers:read" | "numbers:manage" | "webhooks:read" | "webhooks:manage" | "templates:read" | "templates:manage" | "preferences:read" | "preferences:manage" | "privacy:read" | "privacy:manage" | "account:export" | "account:close";
        /** @description 10 to 200 characters. */
        Password: string;
        /**
         * @description Plain text on one line: no control characters, and no bidirectional controls (they
         *     reorder how the rest reads, in Herald's emails too).
         */
        PersonName: string;
        /** Format: email */
        LoginEmail: string;
        SignUpRequest: {
            name: components["schemas"]["PersonName"];
            email: components["schemas"]["LoginEmail"];
            password: components["schemas"]["Password"];
            organization_name: components["schemas"]["PersonName"];
            /**
             * @description The terms in effect are accepted, and the privacy notice in effect was read (`GET
             *     /v1/policies`). Recorded with the versions, the time and the address it came from.
             * @constant
             */
            accept_terms: true;
            /**
             * @description The person signing up is 16 or older.
             * @constant
             */
            age_confirmed: true;
        };
        OperatorSignInRequest: {
            email: string;
            password: string;
            /** @description The 6-digit code of the operator's authenticator app (each works once). */
            code: string;
        };
        OperatorSession: {
            /** @constant */
            object: "operator_session";
            /** @description `hop_…`: shown once. */
            token: string;
            /** Format: date-time */
            expires_at: string;
            operator: {
                id: string;
                email: string;
                name: string;
            };
        };
        PolicyVersion: {
            /** @enum {string} */
            kind: "privacy" | "terms";
            version: string;
            /** @description Where it is read (absolute, or a path on Herald's address). */
            url: string;
            summary: string;
            /** @description A material change, announced to owners at least 30 days before it takes effect. */
            material: boolean;
            /** Format: date-time */
            effective_at: string;
        };
        Policies: {
            /** @constant */
            object: "policies";
            /** @description The privacy notice in effect. */
            privacy: components["schemas"]["PolicyVersion"] | null;
            /** @description The terms in effect. */
            terms: components["schemas"]["PolicyVersion"] | null;
            /** @description Published versions not in effect yet, soonest first. */
            upcoming: components["schemas"]["PolicyVersion"][];
            /** @description Who to write to about privacy (`PRIVACY_CONTACT`). */
            privacy_contact: string;
        };
        LogInRequest: {
            email: components["schemas"]["LoginEmail"];
            password: string;
            /**
             * @description For a user with two-factor sign-in: the 6-digit code of their authenticator app, or
             *     one of their recovery codes (each works once). Without it such a user gets
             *     `401 two_factor_required`.
             */
            two_factor_code?: string;
        };
        UserExport: {
            /** @constant */
            object: "user_export";
            /** Format: date-time */
            exported_at: string;
            profile: {
                id: string;
                name: string;
                email: string;
                /** Format: date-time */
                email_verified_at: string | null;
                marketing_opt_in: boolean;
                two_factor: boolean;
                /** Format: date-time */
                created_at: string;
            };
            memberships: {
                account_id: string;
                account_name: string;
                role: string;
                /** Format: date-time */
                joined_at: string;
            }[];
            log_ins: {
                /** Format: date-time */
                at: string;
                success: boolean;
                ip: string | null;
                user_agent: string | null;
            }[];
            /** @description Your entries in every organisation's audit log, newest first. */
            actions: {
                /** Format: date-time */
                at: string;
                account_id: string | null;
                action: string;
                target_type: string | null;
                target_id: string | null;
                ip: string | null;
            }[];
            /** @description The privacy notice and terms versions you accepted, when and from where. */
            policy_acceptances: {
                /** @enum {string} */
                kind: "privacy" | "terms";
                version: string;
                /** Format: date-time */
                accepted_at: string;
                ip: string | null;
            }[];
            api_keys: {
                id: string;
                account_id: string;
                name: string;
                mode: string;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                revoked_at: string | null;
            }[];
        };
        DeleteOwnUserRequest: {
            password: string;
        };
        TwoFactorSetup: {
            /** @constant */
            object: "two_factor_setup";
            /** @description The shared secret (base32), for an authenticator app that cannot scan. */
            secret: string;
            /** @description The `otpauth://totp/…` address to show as a QR code. */
            otpauth_url: string;
        };
        TwoFactorConfirmRequest: {
            code: string;
        };
        TwoFactorEnabled: {
            /** @constant */
            object: "two_factor_enabled";
            /** @description Ten single-use codes, shown this once; Herald keeps only their hashes. */
            recovery_codes: string[];
        };
        TwoFactorDisableRequest: {
            password: string;
        };
        ChangePasswordRequest: {
            current_password: string;
            new_password: components["schemas"]["Password"];
        };
        TokenRequest: {
            token: components["schemas"]["SingleUseToken"];
        };
        /** @description The token from an emailed link. */
        SingleUseToken: string;
        PasswordResetRequest: {
            email: components["schemas"]["LoginEmail"];
        };
        ConfirmPasswordResetRequest: {
            token: components["schemas"]["SingleUseToken"];
            new_password: components["schemas"]["Password"];
        };
        AcceptInvitationRequest: {
            token: components["schemas"]["SingleUseToken"];
            name?: components["schemas"]["PersonName"];
            password: string;
        };
        /**
         * @description The same whether the address is new or already has a user: a verification link, or a
         *     note to the address's owner, is on its way. Nobody is logged in.
         */
        SignUpAccepted: {
            /** @constant */
            object: "sign_up";
            /** @description The address as sent. */
            email: string;
        };
        Session: {
            user: components["schemas"]["Profile"];
            account: components["schemas"]["Account"];
            role: components["schemas"]["Role"];
            /** @description What the role lets this person do; the API still checks every request. */
            permissions: components["schemas"]["Permission"][];
            /** @description The roles this person may give others (invitations, role changes), none above their own. */
            grantable_roles: components["schemas"]["Role"][];
            /** @description Send it as `X-CSRF-Token` on every state-changing request made with the session cookie. */
            csrf_token: string;
            /**
             * Format: date-time
             * @description When the session ends at the latest; it also ends after a period without use.
             */
            expires_at: string;
        };
        Profile: {
            id: components["schemas"]["UserId"];
            /** @constant */
            object: "user";
            /** @description Whether signing in needs a code from an authenticator app too. */
            two_factor: boolean;
            name: string;
            email: string;
            email_verified: boolean;
            /** @description A new address waiting for its verification link to be followed. */
            pending_email: string | null;
            marketing_opt_in: boolean;
            /** Format: date-time */
            created_at: string;
        };
        UpdateProfileRequest: {
            name?: components["schemas"]["PersonName"];
            email?: components["schemas"]["LoginEmail"];
            /** @description Required with a new `email`, as for a password change. */
            current_password?: string;
            marketing_opt_in?: boolean;
        };
        Member: {
            user_id: components["schemas"]["UserId"];
            /** @constant */
            object: "member";
            name: string;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            joined_at: string;
        };
        MemberList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Member"][];
        };
        RemoveMemberRequest: {
            /** @description A decision for each of the member's live API keys. */
            api_keys?: {
                id: string;
                /**
                 * @description `keep`: you become the key's owner, so your role bounds it from now on; its
                 *     scope narrows to what it could do under the leaving member's role (never wider).
                 *     `revoke`: it is refused from the next request on.
                 * @enum {string}
                 */
                decision: "keep" | "revoke";
            }[];
        };
        UpdateMemberRequest: {
            role: components["schemas"]["Role"];
        };
        Invitation: {
            id: string;
            /** @constant */
            object: "invitation";
            email: string;
            role: components["schemas"]["Role"];
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            created_at: string;
        };
        InvitationList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Invitation"][];
        };
        CreateInvitationRequest: {
            email: components["schemas"]["LoginEmail"];
            role: components["schemas"]["Role"];
        };
        ApiKeyFields: {
            id: string;
            /** @constant */
            object: "api_key";
            name: string;
            /** @description The first characters of the secret, enough to tell keys apart. */
            prefix: string;
            /** @enum {string} */
            mode: "live" | "test";
            scope: components["schemas"]["ApiKeyScope"];
            /**
             * @description The member whose role bounds the key: it can do only what both its scope and their
             *     role allow, as they are now. Null for a key the operator issued (the CLI), bounded by
             *     its scope alone.
             */
            owner_user_id: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_used_at: string | null;
            /** @description Kept for the retention policy's `ip_log_days`, then cleared. */
            last_used_ip: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description The account SID to give Twilio's clients with this key as the auth token (the Twilio-compatible routes). */
            twilio_account_sid: string;
        };
        /**
         * @description `full`: everything an API key may call; `standard`: the same without numbers and privacy
         *     management (what a developer may do); `send_only`: sending and canceling messages only.
         *     A key never does more than its owner's role allows (docs/permissions.md).
         * @enum {string}
         */
        ApiKeyScope: "full" | "standard" | "send_only";
        ApiKey: components["schemas"]["ApiKeyFields"];
        CreatedApiKey: {
            /** @description The key itself. Shown once; Herald keeps only a hash. */
            secret: string;
        } & components["schemas"]["ApiKeyFields"];
        ApiKeyList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["ApiKey"][];
            /** @description The scopes the caller may give a new key, widest first. */
            creatable_scopes: components["schemas"]["ApiKeyScope"][];
        };
        CreateApiKeyRequest: {
            name: components["schemas"]["PersonName"];
            /**
             * @default live
             * @enum {string}
             */
            mode?: "live" | "test";
            /**
             * @description One of the caller's `creatable_scopes` (else `403 scope_not_allowed`); omitted, the
             *     widest of them.
             */
            scope?: components["schemas"]["ApiKeyScope"];
        };
        Account: {
            id: components["schemas"]["AccountId"];
            /**
             * @description Everyone signs in with two factors: a member without them, once signed in, can only
             *     turn them on (`403 two_factor_setup_required` for anything else).
             */
            require_two_factor: boolean;
            /** @constant */
            object: "account";
            name: string;
            /** @enum {string} */
            status: "active" | "suspended" | "closed";
            /**
             * @description True for an organisation made by sign-up until one of its owners has verified their
             *     email address: until then it cannot send (`email_not_verified`).
             */
            awaiting_owner_verification: boolean;
            /** @description Sends per second allowed to the account, and to each of its keys. */
            rate_limit_per_second: number;
            /** @description What Herald answers when an end user texts HELP. */
            help_text: string;
            /**
             * @description Added on a line of its own to every marketing SMS (`category: marketing`), like
             *     `Reply STOP to opt out`; null adds nothing. STOP works either way.
             */
            sms_opt_out_line: string | null;
            /** Format: date-time */
            suspended_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        UpdateAccountRequest: {
            name?: components["schemas"]["PersonName"];
            /** @description What Herald answers when an end user texts HELP to one of the organisation's numbers. */
            help_text?: string;
            /** @description The line marketing SMS end with (`Reply STOP to opt out`); null for none. */
            sms_opt_out_line?: string | null;
            /**
             * @description Owners only, and only once they sign in with two factors themselves
             *     (`409 two_factor_needed_first`).
             */
            require_two_factor?: boolean;
        };
        UpdateAccountLimitsRequest: {
            /** @description `null` returns the account to the default. */
            rate_limit_per_second: number | null;
        };
        AbuseSignal: {
            name: string;
            value: number;
            threshold: number;
            weight: number;
            description: string;
        };
        AccountDecision: {
            id: string;
            /** @constant */
            object: "account_decision";
            /** @enum {string} */
            kind: "suspended" | "reinstated" | "upheld";
            automated: boolean;
            score: number | null;
            signals: components["schemas"]["AbuseSignal"][];
            reason: string;
            /** @description The operator who decided (their id, `opr_…`); null for an automated decision. */
            decided_by: string | null;
            /** Format: date-time */
            created_at: string;
        };
        AccountDecisionList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["AccountDecision"][];
        };
        ReviewRequest: {
            id: components["schemas"]["ReviewRequestId"];
            /** @constant */
            object: "review_request";
            account_id: components["schemas"]["AccountId"];
            decision_id: string;
            statement: string;
            /** @enum {string} */
            status: "pending" | "reinstated" | "upheld";
            outcome_reason: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            resolved_at: string | null;
            /** @description The operator who decided the review (their id, `opr_…`); null while pending. */
            resolved_by: string | null;
        };
        ReviewRequestId: string;
        ReviewRequestList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["ReviewRequest"][];
        };
        CreateReviewRequest: {
            /** @description What the reviewer should know (who your recipients are, how they opted in). */
            statement: string;
        };
        ResolveReviewRequest: {
            /** @enum {string} */
            outcome: "reinstate" | "uphold";
            reason: string;
        };
        AuditEvent: {
            id: string;
            /** @constant */
            object: "audit_event";
            /**
             * @description `end_user`: an end user on the organisation's hosted request form, once verified.
             * @enum {string}
             */
            actor_type: "user" | "api_key" | "operator" | "system" | "end_user";
            actor_id: string | null;
            /** @description Like `login.succeeded`, `api_key.created`, `member.role_changed`. */
            action: string;
            target_type: string | null;
            target_id: string | null;
            ip: string | null;
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
        };
        AuditEventList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["AuditEvent"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        LoginEvent: {
            /** @constant */
            object: "login_event";
            user_id: string | null;
            success: boolean;
            ip: string | null;
            user_agent: string | null;
            /** Format: date-time */
            created_at: string;
        };
        LoginEventList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["LoginEvent"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /** @example msg_01JD2W5X6Y7Z8A9B0C1D2E3F4G */
        MessageId: string;
        /** @enum {string} */
        Channel: "sms" | "email" | "push";
        /**
         * @description Outbound: `queued` (or `scheduled` until `send_at`) → `sending` → `sent` →
         *     `delivered` or `undelivered` (when the provider reports it); `failed` with an `error_code`
         *     when it could not be handed over; `canceled`. Inbound messages are `received`.
         * @enum {string}
         */
        MessageStatus: "scheduled" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed" | "canceled" | "received";
        /** @description A phone number in E.164 format, like `+14155550100`. */
        PhoneNumber: string;
        /**
         * @description An E.164 number your organisation holds verified (see `/v1/phone-numbers`); any other
         *     number is refused with `sender_not_owned`, and so are alphanumeric sender ids (1–11
         *     letters, digits, spaces) until they can be verified. Leave it out to send from Herald's
         *     configured sender.
         */
        SmsSender: string;
        /** Format: email */
        EmailAddress: string;
        /** @description An FCM registration token. */
        PushToken: string;
        /**
         * Format: uri
         * @description A URL that receives this message's status changes.
         */
        StatusCallback: string;
        /**
         * @description Your own key-value pairs (at most 20; keys up to 40 characters, values up to 500),
         *     kept with the message's usage record. Do not put message content here.
         */
        Metadata: {
            [key: string]: string;
        };
        /** @description `body`, or a `template`. */
        SendSmsRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            channel: "sms";
            to: components["schemas"]["PhoneNumber"];
            from?: components["schemas"]["SmsSender"];
            /**
             * @description The text, at most 11 SMS segments (`body_too_long` says how many it would be): 1,683
             *     GSM-7 characters, or 737 UTF-16 units of any other text (emoji take two). The
             *     message's `segments` says how many it is.
             */
            body?: string;
            status_callback?: components["schemas"]["StatusCallback"];
            send_at?: components["schemas"]["SendAt"];
            validity_period?: components["schemas"]["ValidityPeriod"];
            priority?: components["schemas"]["Priority"];
            content_retention?: components["schemas"]["ContentRetention"];
            metadata?: components["schemas"]["Metadata"];
            category?: components["schemas"]["MessageCategory"];
            /**
             * @description One of your topics (`GET /v1/topics`): an end user who opted out of it is refused
             *     (`recipient_unsubscribed`), whatever the category.
             */
            topic?: components["schemas"]["TopicKeyValue"];
            /**
             * @description Channel fallback: messages to try, in order, when this one is not delivered. Each is
             *     a message of its own (linked by `chain_id`), sent `after_seconds` after the step
             *     before it unless an earlier step was `delivered` by then (it then ends `canceled`).
             *     Every step is checked like a send of its own (suppression, preferences, senders,
             *     no-store mode); one refused refuses the whole request, naming `fallback.<i>.message.…`.
             */
            fallback?: components["schemas"]["FallbackStep"][];
            /**
             * @description A template's id or name, instead of the content fields: the message says what the
             *     template renders to with `variables`, in `locale`'s fallback chain.
             */
            template?: string;
            /** @description The template's version to use; its latest when left out. */
            template_version?: number;
            locale?: components["schemas"]["LocaleTag"];
            variables?: components["schemas"]["TemplateVariables"];
        };
        /**
         * @description `subject` and at least one of `text` and `html`, or a `template`. The whole email is at
         *     most 10 MB.
         */
        SendEmailRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            channel: "email";
            to: components["schemas"]["EmailAddress"];
            /**
             * @description Exactly one address, `sender@example.com` or `Name <sender@example.com>`, on a domain
             *     your organisation may send from (`GET /v1/sender-domains`); defaults to the
             *     configured sender. The name may not hold `@`, `<`, `>`, encoded words, invisible or
             *     control characters, or another domain. The message's `from` is the address alone;
             *     the name is kept with the content.
             */
            from?: string;
            /** @description Where replies go; one address, checked like `from`. */
            reply_to?: string;
            /** @description One line, no line breaks. */
            subject?: string;
            html?: string;
            text?: string;
            status_callback?: components["schemas"]["StatusCallback"];
            send_at?: components["schemas"]["SendAt"];
            validity_period?: components["schemas"]["ValidityPeriod"];
            priority?: components["schemas"]["Priority"];
            content_retention?: components["schemas"]["ContentRetention"];
            metadata?: components["schemas"]["Metadata"];
            category?: components["schemas"]["MessageCategory"];
            /**
             * @description One of your topics (`GET /v1/topics`): an end user who opted out of it is refused
             *     (`recipient_unsubscribed`), whatever the category.
             */
            topic?: components["schemas"]["TopicKeyValue"];
            /**
             * @description Channel fallback: messages to try, in order, when this one is not delivered. Each is
             *     a message of its own (linked by `chain_id`), sent `after_seconds` after the step
             *     before it unless an earlier step was `delivered` by then (it then ends `canceled`).
             *     Every step is checked like a send of its own (suppression, preferences, senders,
             *     no-store mode); one refused refuses the whole request, naming `fallback.<i>.message.…`.
             */
            fallback?: components["schemas"]["FallbackStep"][];
            /**
             * @description A template's id or name, instead of the content fields: the message says what the
             *     template renders to with `variables`, in `locale`'s fallback chain.
             */
            template?: string;
            /** @description The template's version to use; its latest when left out. */
            template_version?: number;
            locale?: components["schemas"]["LocaleTag"];
            variables?: components["schemas"]["TemplateVariables"];
        };
        /**
         * @description At least one of `title`, `body` and `data`, or a `template`; the payload is at most
         *     4096 bytes.
         */
        SendPushRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            channel: "push";
            to: components["schemas"]["PushToken"];
            title?: string;
            body?: string;
            /** @description String values only, as FCM requires. */
            data?: {
                [key: string]: string;
            };
            status_callback?: components["schemas"]["StatusCallback"];
            send_at?: components["schemas"]["SendAt"];
            validity_period?: components["schemas"]["ValidityPeriod"];
            priority?: components["schemas"]["Priority"];
            content_retention?: components["schemas"]["ContentRetention"];
            metadata?: components["schemas"]["Metadata"];
            category?: components["schemas"]["MessageCategory"];
            /**
             * @description One of your topics (`GET /v1/topics`): an end user who opted out of it is refused
             *     (`recipient_unsubscribed`), whatever the category.
             */
            topic?: components["schemas"]["TopicKeyValue"];
            /**
             * @description Channel fallback: messages to try, in order, when this one is not delivered. Each is
             *     a message of its own (linked by `chain_id`), sent `after_seconds` after the step
             *     before it unless an earlier step was `delivered` by then (it then ends `canceled`).
             *     Every step is checked like a send of its own (suppression, preferences, senders,
             *     no-store mode); one refused refuses the whole request, naming `fallback.<i>.message.…`.
             */
            fallback?: components["schemas"]["FallbackStep"][];
            /**
             * @description A template's id or name, instead of the content fields: the message says what the
             *     template renders to with `variables`, in `locale`'s fallback chain.
             */
            template?: string;
            /** @description The template's version to use; its latest when left out. */
            template_version?: number;
            locale?: components["schemas"]["LocaleTag"];
            variables?: components["schemas"]["TemplateVariables"];
        };
        FallbackStep: {
            /** @description Seconds after the step before this one (the send itself for the first). */
            after_seconds: number;
            /** @description What `POST /v1/messages` takes, on any channel, without `fallback` or `send_at`. */
            message: Omit<components["schemas"]["SendMessageRequest"], "channel">;
        };
        SendMessageRequest: components["schemas"]["SendSmsRequest"] | components["schemas"]["SendEmailRequest"] | components["schemas"]["SendPushRequest"];
        Message: {
            id: components["schemas"]["MessageId"];
            /** @constant */
            object: "message";
            channel: components["schemas"]["Channel"];
            /** @enum {string} */
            direction: "outbound" | "inbound";
            to: string;
            from: string | null;
            status: components["schemas"]["MessageStatus"];
            error_code: components["schemas"]["DeliveryErrorCode"] | null;
            error_message: string | null;
            /** @description The provider that took the message, like `twilio`, `smtp` or `fcm`. */
            provider: string | null;
            provider_message_id: string | null;
            status_callback: string | null;
            metadata: {
                [key: string]: string;
            };
            /** @description Whether the content is kept in the content store. */
            content_stored: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            sent_at: string | null;
            /**
             * Format: date-time
             * @description When a scheduled message is (or was) to be sent.
             */
            send_at: string | null;
            /**
             * Format: date-time
             * @description From `validity_period`, the moment after which the message is no longer handed to a provider.
             */
            expires_at: string | null;
            /** @description The provider's own error code (Twilio's `ErrorCode`, an SMTP reply code), when it gave one. */
            provider_error_code: string | null;
            /**
             * @description The SMS segments the message is sent (or was received) as, counted as carriers bill
             *     them: GSM-7 160 characters alone or 153 per part (`^{}[~]|€\` take two), any other
             *     text UCS-2, 70 UTF-16 units alone or 67 per part. Null for email and push.
             */
            segments: number | null;
            category: components["schemas"]["MessageCategory"];
            topic: string | null;
            /** @description Channel fallback — the id of its chain's first message (list them with `chain_id`); null outside a chain. */
            chain_id: string | null;
            /** @description Its place in the chain, 0 for the first message. */
            chain_step: number | null;
            /** @description The template its content was rendered from (`template` on the send, or Twilio's `ContentSid`), with the version and the locale whose parts were used; null for literal content. */
            template: {
                id: string;
                version: number;
                locale: string;
            } | null;
        };
        MessageList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Message"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        MessageEvent: {
            /** @constant */
            object: "message_event";
            message_id: components["schemas"]["MessageId"];
            status: components["schemas"]["MessageStatus"];
            error_code: components["schemas"]["DeliveryErrorCode"] | null;
            /** Format: date-time */
            created_at: string;
        };
        MessageEventList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["MessageEvent"][];
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        Readiness: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks: {
                /** @enum {string} */
                account_store: "ok" | "unavailable";
                /** @enum {string} */
                usage_store: "ok" | "unavailable";
                /** @enum {string} */
                content_store: "ok" | "unavailable";
                /** @enum {string} */
                redis: "ok" | "unavailable";
                /** @enum {string} */
                workers: "ok" | "unavailable";
                /**
                 * @description Every repeatable job Herald needs (retention, the webhook relay, the reconciler…) is scheduled in Redis, and Redis was not emptied since the workers last rebuilt its queues from the stores. Like `workers`, not required when `READYZ_REQUIRE_WORKERS=false`.
                 * @enum {string}
                 */
                schedules: "ok" | "unavailable";
            };
        };
        /** @description An RFC 9457 problem document. */
        Problem: {
            /** @description `urn:herald:error:<code>` */
            type: string;
            title: string;
            status: number;
            code: components["schemas"]["ErrorCode"];
            /** @description What went wrong and how to fix it. */
            detail: string;
            /** @description The request field at fault, as a dotted path (`metadata.plan`). */
            param?: string;
            /** @description `member_has_api_keys`: the member's live keys that still need a decision. */
            api_keys?: components["schemas"]["UndecidedApiKey"][];
            request_id: string;
        };
        UndecidedApiKey: {
            id: string;
            name: string;
            prefix: string;
            scope: components["schemas"]["ApiKeyScope"];
            /** @enum {string} */
            mode: "live" | "test";
            /** Format: date-time */
            last_used_at: string | null;
        };
        /**
         * @description Every code an API error can carry. The registry in
         *     `packages/core/src/platform/errors/error-codes.ts` gives each one its status, cause and fix, and
         *     `docs/errors.md` lists them.
         * @enum {string}
         */
        ErrorCode: "malformed_json" | "malformed_body" | "malformed_url" | "unsupported_media_type" | "payload_too_large" | "unknown_field" | "missing_field" | "invalid_type" | "invalid_value" | "value_too_long" | "invalid_phone_number" | "invalid_sender" | "invalid_email_address" | "invalid_sender_address" | "invalid_push_token" | "invalid_throughput" | "body_too_long" | "email_too_large" | "push_payload_too_large" | "unknown_parameter" | "invalid_parameter" | "invalid_cursor" | "invalid_idempotency_key" | "idempotency_key_reused" | "idempotency_key_in_use" | "missing_api_key" | "invalid_api_key" | "api_key_revoked" | "account_not_active" | "account_suspended" | "email_not_verified" | "account_not_found" | "rate_limited" | "forbidden" | "session_required" | "csrf_token_invalid" | "invalid_credentials" | "login_throttled" | "email_throttled" | "auth_throttled" | "password_incorrect" | "weak_password" | "email_taken" | "token_invalid" | "token_expired" | "last_owner" | "already_member" | "member_not_found" | "invitation_not_found" | "api_key_not_found" | "scope_not_allowed" | "member_has_api_keys" | "review_not_allowed" | "review_request_not_found" | "review_already_resolved" | "operator_token_invalid" | "recipient_suppressed" | "suppression_not_found" | "topic_not_found" | "topic_key_taken" | "recipient_unsubscribed" | "preference_link_invalid" | "phone_number_not_found" | "phone_number_taken" | "verification_code_invalid" | "verification_code_expired" | "sender_not_owned" | "sender_domain_not_allowed" | "domain_not_verified" | "sender_domain_exists" | "template_not_found" | "template_name_taken" | "invalid_template" | "invalid_locale" | "template_variable_missing" | "template_channel_missing" | "template_render_failed" | "template_with_content" | "sender_domain_not_found" | "webhook_endpoint_not_found" | "webhook_url_forbidden" | "webhook_event_not_found" | "message_not_finished" | "message_not_cancelable" | "invalid_send_at" | "invalid_received_at" | "terms_not_accepted" | "age_not_confirmed" | "two_factor_required" | "two_factor_invalid" | "two_factor_not_started" | "two_factor_already_on" | "two_factor_needed_first" | "two_factor_setup_required" | "twilio_signature_missing" | "twilio_signature_invalid" | "provider_token_invalid" | "content_not_stored" | "content_expired" | "content_unreadable" | "subject_export_not_found" | "subject_export_not_ready" | "subject_erasure_not_found" | "restriction_not_found" | "confirmation_mismatch" | "account_closing" | "account_not_closing" | "legal_hold_active" | "dev_inbox_disabled" | "account_not_suspendable" | "message_not_found" | "route_not_found" | "method_not_allowed" | "service_unavailable" | "internal_error";
        /**
         * @description Why a message ended `failed`.
         * @enum {string}
         */
        DeliveryErrorCode: "invalid_recipient" | "recipient_unsubscribed" | "push_token_unregistered" | "provider_rejected" | "provider_auth_failed" | "provider_unavailable" | "provider_rate_limited" | "content_unavailable" | "channel_not_configured" | "validity_expired" | "email_bounced" | "recipient_unreachable" | "carrier_filtered" | "delivery_failed" | "recipient_suppressed" | "sender_not_owned";
        /** @description A date (`2026-11-22`) or a date-time, as Twilio's clients send `DateSent` filters. */
        TwilioDate: string;
        /** @description Twilio's `Messages.create` fields, form-encoded (values are strings). */
        TwilioCreateMessageRequest: {
            To: components["schemas"]["PhoneNumber"];
            From?: components["schemas"]["SmsSender"];
            /** @description At most 11 SMS segments, as `body` of `POST /v1/messages`. */
            Body?: string;
            /** @description Accepted and ignored; Herald has no Messaging Services. */
            MessagingServiceSid?: string;
            StatusCallback?: components["schemas"]["StatusCallback"];
            /** @description Seconds, 1 to 36000. */
            ValidityPeriod?: string;
            /** Format: date-time */
            SendAt?: string;
            /** @enum {string} */
            ScheduleType?: "fixed";
            /**
             * @description `discard` is Herald's no-store mode (`content_retention: none`).
             * @enum {string}
             */
            ContentRetention?: "retain" | "discard";
            /**
             * @description A Herald template's id or name, instead of `Body` (`POST /v1/templates`), as Twilio's
             *     Content API names its own; a Twilio `HX…` sid is not one.
             */
            ContentSid?: string;
            /** @description The template's variables, a JSON object (`{"name": "Ana"}`). */
            ContentVariables?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Twilio's message resource (`2010-04-01`), for an SMS sent through Herald. */
        TwilioMessage: {
            /** @description The Herald message id, re-encoded (the same 128 bits) as Twilio's `SM` + 32 hex digits. */
            sid: string;
            account_sid: string;
            /** @constant */
            api_version: "2010-04-01";
            /** @description Empty when the content is not (or no longer) stored. */
            body: string;
            /** @description RFC 2822 */
            date_created: string;
            date_sent: string | null;
            date_updated: string;
            /** @enum {string} */
            direction: "outbound-api" | "inbound";
            error_code: number | null;
            error_message: string | null;
            from: string | null;
            messaging_service_sid: null;
            /** @constant */
            num_media: "0";
            num_segments: string;
            price: null;
            price_unit: string;
            /** @enum {string} */
            status: "scheduled" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed" | "canceled" | "received";
            subresource_uris: {
                [key: string]: string;
            };
            to: string;
            uri: string;
        };
        TwilioMessageList: {
            messages: components["schemas"]["TwilioMessage"][];
            page: number;
            page_size: number;
            start: number;
            end: number;
            uri: string;
            first_page_uri: string;
            next_page_uri: string | null;
            /** @description Herald pages forward only. */
            previous_page_uri: null;
        };
        /** @description Twilio's error document. */
        TwilioError: {
            /** @description Twilio's error number. */
            code: number;
            message: string;
            /** @description Twilio's page for the error, or `urn:herald:error:<code>` for one Twilio has no number for. */
            more_info: string;
            status: number;
        };
    };
    responses: {
        /** @description An error in Twilio's format (`code` is Twilio's error number). */
        TwilioError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /**
         * @description A Herald `Bearer` key on a Twilio-compatible route is answered in Herald's own format
         *     (`forbidden`): these routes take HTTP Basic, like Twilio.
         */
        TwilioBearerRefused: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An error. `code` says which one; see `ErrorCode`. */
        Problem: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        UserId: components["schemas"]["UserId"];
        AccountId: components["schemas"]["AccountId"];
        InvitationId: string;
        ApiKeyId: string;
        ReviewRequestId: components["schemas"]["ReviewRequestId"];
        SuppressionId: string;
        TopicKey: string;
        /** @description The channel whose provider account it is. */
        ProviderChannel: "sms" | "email" | "push";
        /** @description The domain, as `GET /v1/sender-domains` lists it (or its Unicode form). */
        SenderDomainName: string;
        PhoneNumberId: string;
        /** @description The template's id (`tpl_…`) or its name. */
        TemplateRef: string;
        WebhookEndpointId: string;
        ExportId: string;
        ErasureId: string;
        RestrictionId: string;
        Limit: number;
        /** @description The `next_cursor` of the previous page. */
        Cursor: string;
        /** @description A unique key per logical request (a UUID is a good choice), at most 255 characters. */
        IdempotencyKey: string;
        MessageId: components["schemas"]["MessageId"];
        /** @description The `twilio_account_sid` of the API key the request authenticates with. */
        TwilioAccountSid: string;
        /** @description The message's Twilio-style SID (`SM...`, as Herald answers it) or its Herald id. */
        TwilioMessageSid: string;
    };
    requestBodies: never;
    headers: {
        /** @description The session cookie (see the `session` security scheme). */
        SessionCookie: string;
        /** @description The id of this request; quote it when asking for help. */
        RequestId: string;
        /** @description `true` when this response is the stored response of an earlier request. */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listMessages: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                status?: components["schemas"]["MessageStatus"];
                channel?: components["schemas"]["Channel"];
                /** @description Exact recipient (normalised like the `to` of a sent message). */
                to?: string;
                created_after?: string;
                created_before?: string;
                /** @description The steps of one fallback chain, by its first message's id. */
                chain_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per logical request (a UUID is a good choice), at most 255 characters. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /** @description Accepted and queued. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    removeMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was removed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRemoval"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listMessageEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every status the message went through. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageEventList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policies"];
                };
            };
            400: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpRequest"];
            };
        };
        responses: {
            /** @description An email is on its way to the address (which one depends on the address, and is not said). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignUpAccepted"];
                };
            };
            400: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogInRequest"];
            };
        };
        responses: {
            /** @description Logged in. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out; the cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Changed; a new session replaces this one. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    resendEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sent (unless the address is already verified). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    confirmEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Verified. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            400: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    undoEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmPasswordResetRequest"];
            };
        };
        responses: {
            /** @description The address is back; log in with the new password. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequest"];
            };
        };
        responses: {
            /** @description If the address has a user, a link is on its way. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmPasswordResetRequest"];
            };
        };
        responses: {
            /** @description The password is changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationRequest"];
            };
        };
        responses: {
            /** @description Joined and logged in. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    exportOwnData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The copy, as JSON. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserExport"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    startTwoFactorSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secret and its `otpauth://` address. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwoFactorSetup"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    disableTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TwoFactorDisableRequest"];
            };
        };
        responses: {
            /** @description Off; the user is emailed a security notice. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    confirmTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TwoFactorConfirmRequest"];
            };
        };
        responses: {
            /** @description On; ten recovery codes, shown once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwoFactorEnabled"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteOwnUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteOwnUserRequest"];
            };
        };
        responses: {
            /** @description Deleted; the session cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileRequest"];
            };
        };
        responses: {
            /** @description The updated profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every member. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RemoveMemberRequest"];
            };
        };
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberRequest"];
            };
        };
        responses: {
            /** @description The member. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Open invitations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationRequest"];
            };
        };
        responses: {
            /** @description Invited. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: components["parameters"]["InvitationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every key, revoked ones included. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The key and its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                api_key_id: components["parameters"]["ApiKeyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    closeAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseAccountRequest"];
            };
        };
        responses: {
            /** @description Closing. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountClosure"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccountRequest"];
            };
        };
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listAccountDecisions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDecisionList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listReviewRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequestList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createReviewRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReviewRequest"];
            };
        };
        responses: {
            /** @description Filed; an operator will reinstate or uphold, and the owner is emailed the outcome. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of audit events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listLoginEvents: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of log-ins. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginEventList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createOperatorSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorSignInRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorSession"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteOperatorSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listPendingReviewRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Pending review requests, with each account's latest decision. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequestList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    resolveReviewRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                review_request_id: components["parameters"]["ReviewRequestId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveReviewRequest"];
            };
        };
        responses: {
            /** @description Resolved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRequest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateAccountLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccountLimitsRequest"];
            };
        };
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listProviderAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every provider account, with `backlog`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAccountList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateProviderAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The channel whose provider account it is. */
                channel: components["parameters"]["ProviderChannel"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProviderAccountRequest"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAccount"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    sendMessageBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per logical request (a UUID is a good choice), at most 255 characters. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageBatchRequest"];
            };
        };
        responses: {
            /** @description One result per message, in the order sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageBatchResult"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    cancelMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message, now `canceled`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listSuppressions: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                channel?: components["schemas"]["Channel"];
                /** @description A phone number, email address or push token (needs `channel`). */
                identifier?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of suppressions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuppressionList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSuppressionRequest"];
            };
        };
        responses: {
            /** @description Suppressed (or it already was, and this is the existing entry). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suppression"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                suppression_id: components["parameters"]["SuppressionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listTopics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every topic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createTopic: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTopicRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Topic"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteTopic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                topic_key: components["parameters"]["TopicKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getPreferences: {
        parameters: {
            query: {
                channel: components["schemas"]["Channel"];
                /** @description The phone number, email address or push token. */
                identifier: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Their preferences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updatePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePreferencesRequest"];
            };
        };
        responses: {
            /** @description Their preferences after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createPreferenceLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePreferenceLinkRequest"];
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferenceLink"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listPhoneNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every number. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumberList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createPhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePhoneNumberRequest"];
            };
        };
        responses: {
            /** @description Claimed (and a code texted), or already held. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundNumber"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    verifyPhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                phone_number_id: components["parameters"]["PhoneNumberId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyPhoneNumberRequest"];
            };
        };
        responses: {
            /** @description Verified. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundNumber"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listSenderDomains: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every domain. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderDomainList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createSenderDomain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSenderDomainRequest"];
            };
        };
        responses: {
            /** @description Added, pending until verified. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderDomain"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getSenderDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The domain, as `GET /v1/sender-domains` lists it (or its Unicode form). */
                domain: components["parameters"]["SenderDomainName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain, with `backlog`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderDomain"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteSenderDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The domain, as `GET /v1/sender-domains` lists it (or its Unicode form). */
                domain: components["parameters"]["SenderDomainName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateSenderDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The domain, as `GET /v1/sender-domains` lists it (or its Unicode form). */
                domain: components["parameters"]["SenderDomainName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSenderDomainRequest"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderDomain"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    verifySenderDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The domain, as `GET /v1/sender-domains` lists it (or its Unicode form). */
                domain: components["parameters"]["SenderDomainName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain, with what was found. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderDomain"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listProviderCaps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every provider account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderAccountList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTemplateRequest"];
            };
        };
        responses: {
            /** @description Created, at version 1. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    previewTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewTemplateRequest"];
            };
        };
        responses: {
            /** @description What the message would say. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderedTemplate"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getTemplate: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                /** @description The template's id (`tpl_…`) or its name. */
                template_id: components["parameters"]["TemplateRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The template's id (`tpl_…`) or its name. */
                template_id: components["parameters"]["TemplateRef"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createTemplateVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The template's id (`tpl_…`) or its name. */
                template_id: components["parameters"]["TemplateRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTemplateVersionRequest"];
            };
        };
        responses: {
            /** @description The template at its new version. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    renderTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The template's id (`tpl_…`) or its name. */
                template_id: components["parameters"]["TemplateRef"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderTemplateRequest"];
            };
        };
        responses: {
            /** @description What the message would say. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderedTemplate"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getPhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                phone_number_id: components["parameters"]["PhoneNumberId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The number, with `backlog`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundNumber"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deletePhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                phone_number_id: components["parameters"]["PhoneNumberId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No longer routed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updatePhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                phone_number_id: components["parameters"]["PhoneNumberId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePhoneNumberRequest"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundNumber"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint and its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint and its new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listWebhookAttempts: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    redeliverWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeliverRequest"];
            };
        };
        responses: {
            /** @description Queued for delivery. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecret"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    receiveTwilioStatus: {
        parameters: {
            query?: {
                /**
                 * @description Herald's id of the message, in the per-message `StatusCallback` URL the worker gives
                 *     Twilio. Without it, the message is found by `MessageSid`.
                 */
                message_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TwilioStatusCallback"];
            };
        };
        responses: {
            /** @description Recorded. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    receiveTwilioInbound: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TwilioInbound"];
            };
        };
        responses: {
            /** @description TwiML, with a reply when one is due. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/xml": string;
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    receiveEmailEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailProviderEvent"];
            };
        };
        responses: {
            /** @description Recorded. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getMessageContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["MessageId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The content. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageContent"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getRetentionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPolicy"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    updateRetentionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRetentionPolicyRequest"];
            };
        };
        responses: {
            /** @description The policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPolicy"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    previewRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPreview"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listRetentionRuns: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionRunList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    findSubject: {
        parameters: {
            query: {
                /** @description A phone number (E.164), email address or push token. */
                identifier: string;
                /** @description Which channel the identifier belongs to; guessed from its shape when absent. */
                channel?: components["schemas"]["Channel"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The holdings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subject"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createSubjectExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubjectRequest"];
            };
        };
        responses: {
            /** @description The export, being built. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectExport"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getSubjectExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                export_id: components["parameters"]["ExportId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export (without its download link). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectExport"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    downloadSubjectExport: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path: {
                export_id: components["parameters"]["ExportId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectArchive"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createSubjectErasure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubjectRequest"];
            };
        };
        responses: {
            /** @description Erased; the receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureReceipt"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getSubjectErasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                erasure_id: components["parameters"]["ErasureId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureReceipt"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createSubjectRestriction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubjectRequest"];
            };
        };
        responses: {
            /** @description Restricted. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectRestriction"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    liftSubjectRestriction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restriction_id: components["parameters"]["RestrictionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lifted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listPrivacyRequests: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrivacyRequestList"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    createPrivacyRequestForm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The form's address. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrivacyRequestForm"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getReceiptKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptKey"];
                };
            };
            400: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    exportAccountData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation's own data. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountExport"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getAccountClosure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The closure. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountClosure"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    cancelAccountClosure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account, active again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    setLegalHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LegalHoldRequest"];
            };
        };
        responses: {
            /** @description The account's retention policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPolicy"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getOverviewStats: {
        parameters: {
            query?: {
                /** @description The last 7 or 30 UTC days, today included. */
                days?: 7 | 30;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverviewStats"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    listDevInbox: {
        parameters: {
            query?: {
                channel?: components["schemas"]["Channel"];
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the local servers received, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevInbox"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            429: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    suspendAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuspendAccountRequest"];
            };
        };
        responses: {
            /** @description Suspended; the decision. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDecision"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
            415: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
            503: components["responses"]["Problem"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description A dependency does not answer. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    twilioListMessages: {
        parameters: {
            query?: {
                To?: string;
                DateSent?: components["schemas"]["TwilioDate"];
                "DateSent<"?: components["schemas"]["TwilioDate"];
                "DateSent>"?: components["schemas"]["TwilioDate"];
                PageSize?: number;
                Page?: number;
                PageToken?: string;
            };
            header?: never;
            path: {
                /** @description The `twilio_account_sid` of the API key the request authenticates with. */
                AccountSid: components["parameters"]["TwilioAccountSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwilioMessageList"];
                };
            };
            400: components["responses"]["TwilioError"];
            401: components["responses"]["TwilioError"];
            403: components["responses"]["TwilioBearerRefused"];
            429: components["responses"]["TwilioError"];
            503: components["responses"]["TwilioError"];
        };
    };
    twilioCreateMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per logical request (a UUID is a good choice), at most 255 characters. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The `twilio_account_sid` of the API key the request authenticates with. */
                AccountSid: components["parameters"]["TwilioAccountSid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TwilioCreateMessageRequest"];
            };
        };
        responses: {
            /** @description Accepted and queued, as Twilio's message resource. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwilioMessage"];
                };
            };
            400: components["responses"]["TwilioError"];
            401: components["responses"]["TwilioError"];
            403: components["responses"]["TwilioBearerRefused"];
            409: components["responses"]["TwilioError"];
            413: components["responses"]["TwilioError"];
            415: components["responses"]["TwilioError"];
            422: components["responses"]["TwilioError"];
            429: components["responses"]["TwilioError"];
            503: components["responses"]["TwilioError"];
        };
    };
    twilioFetchMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The `twilio_account_sid` of the API key the request authenticates with. */
                AccountSid: components["parameters"]["TwilioAccountSid"];
                /** @description The message's Twilio-style SID (`SM...`, as Herald answers it) or its Herald id. */
                Sid: components["parameters"]["TwilioMessageSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwilioMessage"];
                };
            };
            400: components["responses"]["TwilioError"];
            401: components["responses"]["TwilioError"];
            403: components["responses"]["TwilioBearerRefused"];
            404: components["responses"]["TwilioError"];
            429: components["responses"]["TwilioError"];
            503: components["responses"]["TwilioError"];
        };
    };
    twilioDeleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The `twilio_account_sid` of the API key the request authenticates with. */
                AccountSid: components["parameters"]["TwilioAccountSid"];
                /** @description The message's Twilio-style SID (`SM...`, as Herald answers it) or its Herald id. */
                Sid: components["parameters"]["TwilioMessageSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Canceled or removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TwilioError"];
            401: components["responses"]["TwilioError"];
            403: components["responses"]["TwilioBearerRefused"];
            404: components["responses"]["TwilioError"];
            409: components["responses"]["TwilioError"];
            429: components["responses"]["TwilioError"];
            503: components["responses"]["TwilioError"];
        };
    };
}
