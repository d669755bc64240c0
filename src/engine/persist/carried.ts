/**
 * Kept apart from fields.ts (which reads tensors, so imports tfjs): the environments declare
 * their carried fields from code that the page's main thread imports too.
 *
 * The numbers and flags of an object that training changes (a step count, a running sum), by
 * path from the object: `carried(this, 'steps', 'totals.steps')`. Every other number and flag an
 * engine object holds (sizes, counts, rates, its copy of the scenario's parameters) was set from
 * the scenario when it was built, and a file must not change it: a tampered `agents = 1e12` or
 * `tauMax = 50` would otherwise override the scenario the file was checked by (issue 22). An
 * object whose carried field is not declared loses it on a load, which every environment's
 * save-load-continue test catches.
 */
const CARRIED = new WeakMap<object, readonly string[]>();

export function carried(obj: object, ...paths: string[]): void {
  CARRIED.set(obj, paths);
}

/** The paths `obj` declared carried (none if it declared nothing). */
export const carriedOf = (obj: object): readonly string[] => CARRIED.get(obj) ?? [];
