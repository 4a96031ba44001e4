import type { OrganisationKind, Service } from '@passerelle/domain';
import type { SeededRandom } from './random';

export interface SeedOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  department: string;
  services: Service[];
  /** Places declared at the start of the seeded period. */
  capacity: { service: Service; total: number; available: number }[];
}

/** Several régions, so that research queries have more than one région to group by. */
export const SEED_DEPARTMENTS = ['93', '75', '13', '69', '59', '33'] as const;

const SERVICES_BY_KIND: Record<OrganisationKind, Service[]> = {
  ngo: ['legal', 'psychological', 'language', 'material_aid', 'asylum_procedure', 'employment'],
  health: ['medical', 'sexual_reproductive_health', 'psychological'],
  refuge: ['shelter', 'specialised_shelter', 'childcare'],
  authority: ['asylum_procedure', 'legal'],
};

/** Services whose places are counted: shelters and clinics declare capacity, others do not. */
const CAPACITY_SERVICES: Service[] = ['shelter', 'specialised_shelter', 'medical'];

/**
 * Every département gets two NGOs, a health service, a refuge and the authority; the larger ones
 * (93, 75, 13) a second refuge. Service lists vary a little per organisation.
 */
export function planOrganisations(random: SeededRandom): SeedOrganisation[] {
  const organisations: SeedOrganisation[] = [];
  const add = (id: string, name: string, kind: OrganisationKind, department: string) => {
    const offered = SERVICES_BY_KIND[kind];
    // NGOs specialise a little; the others offer their whole trade.
    const services = kind === 'ngo' ? [...offered.slice(0, 2), ...random.sample(offered.slice(2), random.int(1, 3))] : [...offered];
    const capacity = services
      .filter((s) => CAPACITY_SERVICES.includes(s))
      .map((service) => {
        const total = random.int(4, 30);
        return { service, total, available: random.int(0, Math.ceil(total / 3)) };
      });
    organisations.push({ id, name, kind, department, services, capacity });
  };
  for (const department of SEED_DEPARTMENTS) {
    add(`ngo-${department}-a`, `Association A (${department})`, 'ngo', department);
    add(`ngo-${department}-b`, `Association B (${department})`, 'ngo', department);
    add(`health-${department}`, `Centre de santé (${department})`, 'health', department);
    add(`refuge-${department}`, `Refuge (${department})`, 'refuge', department);
    if (['93', '75', '13'].includes(department)) add(`refuge-${department}-b`, `Second refuge (${department})`, 'refuge', department);
    add(`authority-${department}`, `Préfecture (${department})`, 'authority', department);
  }
  return organisations;
}
