import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import type { Task } from 'fhir/r4';
import { factsFromStream } from './referral-facts';
import { readReferralAs } from './referral-stream';
import { ReadFhirTaskQuery } from './read-task.query';
import { referralTask } from './task.mapping';

/** A referral's Task, read from its stream (its two parties see it the moment it is written; anyone else gets 404). */
@QueryHandler(ReadFhirTaskQuery)
export class ReadFhirTaskHandler implements IQueryHandler<ReadFhirTaskQuery, Task> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ actor, referralId }: ReadFhirTaskQuery): Promise<Task> {
    const { view, revision } = await readReferralAs(this.store, referralId, actor.organisationId);
    return referralTask(factsFromStream(view, revision));
  }
}
