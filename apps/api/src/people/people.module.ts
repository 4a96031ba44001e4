import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { ActivityQuery } from '@passerelle/projections';
import { WebhooksInfrastructureModule } from '@passerelle/webhooks';
import type { DataSource } from 'typeorm';
import { PersonAccessModule } from '../cases/person-access.module';
import { GetMemberActivityHandler } from './get-member-activity/get-member-activity.handler';
import { GetMemberActivityController } from './get-member-activity/get-member-activity.http.controller';
import { ChangeMemberRoleHandler } from './change-member-role/change-member-role.handler';
import { ChangeMemberRoleController } from './change-member-role/change-member-role.http.controller';
import { InviteMemberHandler } from './invite-member/invite-member.handler';
import { InviteMemberController } from './invite-member/invite-member.http.controller';
import { IssueApiKeyHandler } from './issue-api-key/issue-api-key.handler';
import { IssueApiKeyController } from './issue-api-key/issue-api-key.http.controller';
import { ListApiKeysHandler } from './list-api-keys/list-api-keys.handler';
import { ListApiKeysController } from './list-api-keys/list-api-keys.http.controller';
import { ListMembersHandler } from './list-members/list-members.handler';
import { ListMembersController } from './list-members/list-members.http.controller';
import { RemoveMemberHandler } from './remove-member/remove-member.handler';
import { RemoveMemberController } from './remove-member/remove-member.http.controller';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyController } from './revoke-api-key/revoke-api-key.http.controller';

/**
 * An organisation's people and machine keys (docs/architecture.md#people-sign-in-and-credentials):
 * every change is an event of the organisation's stream, decided by its decider's separation of duties.
 */
@Module({
  imports: [PersonAccessModule, WebhooksInfrastructureModule],
  controllers: [
    GetMemberActivityController,
    IssueApiKeyController,
    ListApiKeysController,
    RevokeApiKeyController,
    InviteMemberController,
    ListMembersController,
    RemoveMemberController,
    ChangeMemberRoleController,
  ],
  providers: [
    { provide: ActivityQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new ActivityQuery(readModel) },
    GetMemberActivityHandler,
    IssueApiKeyHandler,
    ListApiKeysHandler,
    RevokeApiKeyHandler,
    InviteMemberHandler,
    ListMembersHandler,
    RemoveMemberHandler,
    ChangeMemberRoleHandler,
  ],
})
export class PeopleModule {}
