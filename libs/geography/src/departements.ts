import { registerDecorator, type ValidationOptions } from 'class-validator';
import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';

/**
 * Départements and régions come from the official Etalab dataset, never a hand-written table
 * (docs/architecture.md#streams-and-events): the API rejects an unknown code and research generalises département → région.
 */
const regionCodeByDepartment = new Map(departements.map((d: { code: string; region: string }) => [d.code, d.region]));
const regionNameByCode = new Map(regions.map((r: { code: string; nom: string }) => [r.code, r.nom]));
const departmentNameByCode = new Map(departements.map((d: { code: string; nom: string }) => [d.code, d.nom]));

export const isDepartment = (code: unknown): code is string => typeof code === 'string' && regionCodeByDepartment.has(code);
export const departmentName = (code: string): string | null => departmentNameByCode.get(code) ?? null;
export const regionOf = (department: string): { code: string; name: string } | null => {
  const code = regionCodeByDepartment.get(department);
  return code ? { code, name: regionNameByCode.get(code) ?? code } : null;
};
export const allDepartments = (): string[] => [...regionCodeByDepartment.keys()];

export function IsDepartment(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDepartment',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a French département code such as 75, 93, 2A or 971`, ...options },
      validator: { validate: (value: unknown) => isDepartment(value) },
    });
}
