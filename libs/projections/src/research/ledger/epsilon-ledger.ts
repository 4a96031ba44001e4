import { forbidden } from '@passerelle/domain';
import type { DataSource } from 'typeorm';

export interface EpsilonSpend {
  keyId: string;
  organisationId: string;
  epsilon: number;
  /** What the ε paid for, as recorded in the ledger (dimensions and filters only). */
  query: object;
}

export interface EpsilonBalance {
  spent: number;
  remaining: number;
}

/**
 * The per-researcher privacy budget: ε spent per API key, recorded before any noisy answer is
 * computed, so a failed or abandoned query still counts (the answer might have been seen). Spends
 * of one key are serialised by an advisory lock, so two concurrent queries cannot both fit in the
 * last bit of budget. Numeric arithmetic: no rounding lets a researcher creep past the budget.
 */
export class EpsilonLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budget: number,
  ) {}

  async spend(request: EpsilonSpend): Promise<EpsilonBalance> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('passerelle.research.epsilon:' || $1))", [request.keyId]);
      const [row] = await manager.query<{ spent: string }[]>(
        'SELECT coalesce(sum(epsilon), 0)::text AS spent FROM research_epsilon_ledger WHERE key_id = $1',
        [request.keyId],
      );
      const spent = Number(row?.spent ?? 0);
      const [fits] = await manager.query<{ ok: boolean }[]>('SELECT ($1::numeric + $2::numeric) <= $3::numeric AS ok', [
        row?.spent ?? '0',
        String(request.epsilon),
        String(this.budget),
      ]);
      if (!fits?.ok) {
        throw forbidden(
          'RESEARCH.EPSILON_BUDGET_SPENT',
          `This query needs more ε than the ${round(this.budget - spent)} left of the budget of ${this.budget} for this key`,
          {
            budget: this.budget,
            spent: round(spent),
            remaining: round(this.budget - spent),
          },
        );
      }
      await manager.query('INSERT INTO research_epsilon_ledger (key_id, organisation_id, epsilon, query) VALUES ($1, $2, $3, $4)', [
        request.keyId,
        request.organisationId,
        String(request.epsilon),
        JSON.stringify(request.query),
      ]);
      return { spent: round(spent + request.epsilon), remaining: round(this.budget - spent - request.epsilon) };
    });
  }

  async balance(keyId: string): Promise<EpsilonBalance> {
    const [row] = await this.dataSource.query<{ spent: string }[]>(
      'SELECT coalesce(sum(epsilon), 0)::text AS spent FROM research_epsilon_ledger WHERE key_id = $1',
      [keyId],
    );
    const spent = Number(row?.spent ?? 0);
    return { spent: round(spent), remaining: round(this.budget - spent) };
  }
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
