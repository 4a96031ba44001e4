import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { READ_MODEL } from '@passerelle/database';
import { DiscreteLaplace, EpsilonLedger, researchSettings, ResearchAnswers, type ResearchSettings } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { RESEARCH_SETTINGS, RunResearchQueryHandler } from './run-research-query/run-research-query.handler';
import { RunResearchQueryController } from './run-research-query/run-research-query.http.controller';

/** Anonymised research (docs/consent-and-privacy.md): generalised aggregates with disclosure control and a per-researcher ε budget. */
@Module({
  imports: [CqrsModule],
  controllers: [RunResearchQueryController],
  providers: [
    // Read at start: a k under 5 or a bad budget stops the process with a message naming the variable.
    { provide: RESEARCH_SETTINGS, useFactory: () => researchSettings(process.env) },
    {
      provide: ResearchAnswers,
      inject: [READ_MODEL, RESEARCH_SETTINGS],
      useFactory: (readModel: DataSource, settings: ResearchSettings) => new ResearchAnswers(readModel, settings.k),
    },
    {
      provide: EpsilonLedger,
      inject: [READ_MODEL, RESEARCH_SETTINGS],
      useFactory: (readModel: DataSource, settings: ResearchSettings) => new EpsilonLedger(readModel, settings.epsilonBudget),
    },
    { provide: DiscreteLaplace, useFactory: () => new DiscreteLaplace() },
    RunResearchQueryHandler,
  ],
})
export class ResearchModule {}
