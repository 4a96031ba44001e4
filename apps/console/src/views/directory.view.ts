import { get } from '../api/client';
import type { Organisation } from '../api/types';
import { label, t } from '../i18n/i18n';
import type { ViewContext } from '../routes';
import { errorBox, loading } from '../ui/feedback';
import { dataTable } from '../ui/table';

/** The directory: who offers what where and with how many places; never an address (refuges are confidential). */
export async function renderDirectory({ main }: ViewContext): Promise<void> {
  main.append(loading());
  try {
    const { items } = await get<{ items: Organisation[] }>('/v1/organisations');
    const places = (o: Organisation) => o.capacity.map((c) => `${label('service', c.service)} ${c.available}/${c.total}`).join(' · ');
    main.replaceChildren(
      dataTable(
        t('directory.caption'),
        [
          { label: t('directory.name'), cell: (o) => o.name, csv: (o) => o.name },
          { label: t('directory.kind'), cell: (o) => label('kind', o.kind), csv: (o) => o.kind },
          { label: t('identify.department'), cell: (o) => `${o.department} ${o.departmentName ?? ''}`, csv: (o) => o.department },
          {
            label: t('directory.services'),
            cell: (o) => o.services.map((s) => label('service', s)).join(', '),
            csv: (o) => o.services.join(' '),
          },
          { label: t('capacity.declared'), cell: places, csv: places },
        ],
        items,
        'directory',
      ),
    );
  } catch (error) {
    main.replaceChildren(errorBox(error));
  }
}
