import { createContext, useContext } from 'react';
import type { SimController } from '../state/sim-controller';
import type { LabStore } from '../state/store';

export const LabContext = createContext<{ store: LabStore; sim: SimController } | null>(null);

export function useLab() {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab outside LabContext');
  return lab;
}
