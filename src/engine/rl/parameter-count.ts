/**
 * The networks' sizes as plain numbers, without tfjs: the hidden layers the trainers build and
 * how many parameters their networks hold, so the memory guard (engine/resource-limit.ts) can
 * count a scenario's weights before anything is allocated. parameter-count.test.ts checks each
 * count against the variables tfjs makes for the same networks.
 */

/** The followers' hidden layers (StackelbergTrainer's actor and critic): two of `hidden` units. */
export const followerLayers = (hidden: number): number[] => [hidden, hidden];

/** The PPO leader's hidden layers (leaders/ppo.ts): it sees a few numbers and sets theta. */
export const PPO_LEADER_LAYERS: readonly number[] = [16, 16];

/**
 * An Mlp of these layer sizes (mlp.ts): each layer's weights and biases, and where it is
 * conditioned on theta, a FiLM scale and shift per hidden unit.
 */
export function mlpParameters(sizes: readonly number[], conditioned: boolean): number {
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const hiddenLayer = l + 2 < sizes.length;
    count += (sizes[l] + 1) * sizes[l + 1] + (conditioned && hiddenLayer ? 2 * sizes[l + 1] : 0);
  }
  return count;
}

/** A PPO learner's networks, as heads.ts and ppo.ts build them. */
export interface PpoNetworks {
  obsDim: number;
  layers: readonly number[];
  /** Discrete actions: how many; continuous: the dimensions of a Gaussian, each with its learned log-std. */
  actions: number;
  gaussian: boolean;
  /** FiLM on theta-hat in every hidden layer (the followers' networks; not the leader's). */
  conditioned: boolean;
}

/** Its actor and critic: the parameters Adam trains. */
export function ppoParameters(n: PpoNetworks): number {
  const body = [n.obsDim, ...n.layers];
  return mlpParameters([...body, n.actions], n.conditioned) + (n.gaussian ? n.actions : 0) + mlpParameters([...body, 1], n.conditioned);
}
