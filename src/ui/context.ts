import { createContext, useContext } from 'react';
import type { LastSessionStore } from '../state/last-session';
import type { SimController } from '../state/sim-controller';
import type { LabStore } from '../state/store';

/** `sessions`: this browser's sessions, this tab's and the others (last-session.ts). */
export const LabContext = createContext<{ store: LabStore; sim: SimController; sessions: LastSessionStore } | null>(null);

export function useLab() {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab outside LabContext');
  return lab;
}
