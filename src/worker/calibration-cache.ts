/**
 * Backend calibrations kept in this browser (IndexedDB, through idb-keyval), by device and
 * scenario size (engine/backend-calibration.ts cacheKey), so a second visit measures nothing.
 * Figures of another version of the lab are not used: its kernels may have changed. A browser
 * that refuses storage (private mode, quota) only measures again.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { FigureCache } from '../engine/backend-calibration';
import type { Figure } from '../engine/backend-names';
import { APP_VERSION } from '../version';

export function calibrationCache(store: UseStore = createStore('adage-lab-backends', 'calibrations'), version = APP_VERSION): FigureCache {
  const versioned = (key: string) => `${version} | ${key}`;
  return {
    get: (key) => get<Figure>(versioned(key), store).catch(() => undefined),
    set: (key, figure) => set(versioned(key), figure, store).catch(() => undefined),
  };
}
