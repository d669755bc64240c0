import { useEffect, useState } from 'react';
import { presetById, presetLiveScenario } from '../../envs/catalog';
import type { PoliciesDocument } from '../../scenario/policies-file';
import { fetchFinishedRun } from '../../state/finished-run';
import { useLab } from '../context';

/**
 * The open preset's two ways in: "Show the finished run" opens the run the lab ships (trained to
 * the end on the results report's first seed, with its baseline) at once, charts drawn, so a class
 * sees the result without waiting; "Train it live" trains its 1-minute version from scratch
 * (Preset.live), with its baseline where the lesson is a comparison.
 */
export function FinishedRunButtons() {
  const { store, sim } = useLab();
  const presetId = store((s) => s.page.preset);
  const env = store((s) => s.scenario.env);
  const phase = store((s) => s.status.phase);
  const [state, setState] = useState<'idle' | 'opening' | 'shown'>('idle');
  const preset = presetById(presetId);
  // Another preset, or a run started: what is on screen is no longer the finished run.
  useEffect(() => setState('idle'), [presetId]);
  useEffect(() => {
    if (phase === 'running') setState('idle');
  }, [phase]);
  if (!preset || preset.scenario.env !== env) return null;

  const show = async () => {
    setState('opening');
    const { setNotice } = store.getState();
    try {
      const { run, baseline } = await fetchFinishedRun(preset.id);
      // Its opening variant, with its baseline beside it where the lesson is a comparison (as the page was, if the file is refused).
      const before = store.getState().page;
      sim.setPage({ ...before, variant: null, baseline: preset.compare === true || before.baseline });
      const problems = await sim.loadPolicies(run, baseline);
      if (problems.length) {
        sim.setPage(before);
        throw new Error(problems.map((p) => p.message).join(' '));
      }
      setState('shown');
      // Loaded without problems, so it is a policies document (the worker's status may not have arrived yet).
      const { iteration } = run as PoliciesDocument;
      setNotice(`The finished run: trained to iteration ${iteration} on seed ${store.getState().scenario.seed} (the results report’s first). “Train it live” trains it again from scratch.`);
    } catch (err) {
      setState('idle');
      setNotice(`The finished run of “${preset.title}” could not be opened: ${(err as Error).message}. The run on screen is as it was; Start trains the preset live.`);
    }
  };
  const trainLive = async () => {
    await sim.configure(presetLiveScenario(preset));
    // Its baseline too where the claim is judged against it (the verdict needs it).
    const baseline = preset.compare === true || preset.claim.than === 'baseline' || store.getState().page.baseline;
    sim.setPage({ ...store.getState().page, variant: null, baseline });
    await sim.start();
  };

  return (
    <>
      <button type="button" data-testid="show-finished" disabled={state === 'opening'} onClick={show}>
        {state === 'opening' ? 'Opening the finished run…' : 'Show the finished run'}
      </button>
      <button
        type="button"
        className={state === 'shown' ? 'primary' : undefined}
        data-testid="train-live"
        title="Its 1-minute version from scratch: fewer iterations (and copies), sized to show the result within a minute"
        onClick={trainLive}
      >
        Train it live (about {preset.live.seconds} s)
      </button>
    </>
  );
}
