import {
  type ProfileService,
  presentInvitation,
  presentMember,
  presentProfile,
  type Role,
  type TeamService,
} from '@herald/core';
import type { components } from '@herald/openapi';
import { Router } from 'express';
import { metaOf, userOf } from '../http/request-context.js';
import type { RouteKit } from '../http/route-kit.js';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The logged-in user's profile, and the organisation's members and invitations. */
export function teamRoutes(deps: {
  kit: RouteKit;
  team: TeamService;
  profile: ProfileService;
}): Router {
  const router = Router();
  const { route } = deps.kit;

  router.get('/v1/me', ...route('getProfile'), async (_req, res) => {
    res.json(presentProfile(await deps.profile.get(userOf(res).userId)));
  });

  router.patch('/v1/me', ...route('updateProfile'), async (req, res) => {
    const body = req.body as Body<'UpdateProfileRequest'>;
    const profile = await deps.profile.update(
      userOf(res),
      {
        name: body.name,
        email: body.email,
        currentPassword: body.current_password,
        marketingOptIn: body.marketing_opt_in,
      },
      metaOf(req),
    );
    res.json(presentProfile(profile));
  });

  router.get('/v1/members', ...route('listMembers'), async (_req, res) => {
    const members = await deps.team.listMembers(userOf(res).accountId);
    res.json({ object: 'list', data: members.map(presentMember) });
  });

  router.patch('/v1/members/:user_id', ...route('updateMember'), async (req, res) => {
    const role = (req.body as Body<'UpdateMemberRequest'>).role as Role;
    res.json(
      presentMember(
        await deps.team.changeRole(userOf(res), req.params.user_id as string, role, metaOf(req)),
      ),
    );
  });

  router.delete('/v1/members/:user_id', ...route('removeMember'), async (req, res) => {
    const body = req.body as Body<'RemoveMemberRequest'> | undefined;
    await deps.team.removeMember(
      userOf(res),
      req.params.user_id as string,
      body?.api_keys ?? [],
      metaOf(req),
    );
    res.status(204).end();
  });

  router.get('/v1/invitations', ...route('listInvitations'), async (_req, res) => {
    const now = new Date();
    const invitations = await deps.team.listInvitations(userOf(res).accountId);
    res.json({ object: 'list', data: invitations.map((i) => presentInvitation(i, now)) });
  });

  router.post('/v1/invitations', ...route('createInvitation'), async (req, res) => {
    const body = req.body as Body<'CreateInvitationRequest'>;
    const invitation = await deps.team.invite(
      userOf(res),
      { email: body.email, role: body.role as Role },
      metaOf(req),
    );
    res.status(201).json(presentInvitation(invitation, new Date()));
  });

  router.delete(
    '/v1/invitations/:invitation_id',
    ...route('revokeInvitation'),
    async (req, res) => {
      await deps.team.revokeInvitation(
        userOf(res),
        req.params.invitation_id as string,
        metaOf(req),
      );
      res.status(204).end();
    },
  );

  return router;
}
