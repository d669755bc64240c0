import type { ReactNode } from 'react';
import type { HideablePart } from '../state/page-options';
import { useLab } from './context';

/** A part of the page that a classroom link may hide (`?hide=form,backend`). */
export function Hideable({ part, children }: { part: HideablePart; children: ReactNode }) {
  const { store } = useLab();
  const hidden = store((s) => s.page.hide.includes(part));
  return hidden ? null : <>{children}</>;
}
