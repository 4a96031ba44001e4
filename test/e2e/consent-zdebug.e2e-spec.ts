import { PROJECTION_RUNNERS } from '../../apps/projector/src/projector.module';
import type { ProjectionRunner } from '@passerelle/projections';
import { consent, identify, onboardKeyed, refer, sql } from './support/consent-fixtures';
import { auth } from './support/fixtures';
import { startTestNetwork } from './support/test-network';

it('debug stall', async () => {
  const network = await startTestNetwork();
  const ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
  const refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
  const runners = network.app.get<ProjectionRunner[]>(PROJECTION_RUNNERS);
  for (let i = 0; i < 60; i++) {
    const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity']));
    const { position } = await refer(network, ngo, { caseId, to: 'refuge-75', service: 'shelter', sharedCategories: ['identity'] });
    const t = Date.now();
    const r = await network.http().get(`/v1/inbox?direction=received&minPosition=${position}&limit=1`).set(auth(refuge));
    const took = Date.now() - t;
    if (took > 300 || !r.body.caughtUp) {
      console.log('SLOW', i, took, position, await Promise.all(runners.map((x) => x.status())), await sql(network, 'SELECT * FROM projection_checkpoints'));
    }
  }
  await network.close();
}, 300000);
