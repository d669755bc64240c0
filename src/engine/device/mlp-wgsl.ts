/**
 * The followers' networks (rl/mlp.ts: hidden layers tanh(FiLM(x W + b)), a linear output) in
 * WGSL, one row per invocation, over a flat parameter vector laid out exactly as the tfjs
 * variables are listed (per layer w [fanIn x fanOut] row-major, b, then gamma and beta for a
 * hidden layer), actor first, then critic: so it is also FlatAdam's moment layout, and
 * weights move between the two by plain concatenation.
 *
 * The backward pass is per row too: each row stores what the weight gradients need (its
 * hidden activations and, per hidden layer, dL/dz', theta z du and theta du, and dL/dout),
 * and one reduction kernel sums those over rows per parameter (device-ppo.ts).
 */

export interface LayerOffsets {
  w: number;
  b: number;
  /** FiLM scale and shift (hidden layers only). */
  gamma?: number;
  beta?: number;
}

export interface NetLayout {
  /** [in, hidden..., out]. */
  sizes: readonly number[];
  layers: LayerOffsets[];
  /** First parameter and one past the last, in the flat vector. */
  start: number;
  end: number;
}

/** The parameter layout of an Mlp with these sizes (every hidden layer FiLM-conditioned), from `start`. */
export function netLayout(sizes: readonly number[], start: number): NetLayout {
  const layers: LayerOffsets[] = [];
  let at = start;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const hidden = l + 2 < sizes.length;
    const layer: LayerOffsets = { w: at, b: at + fanIn * fanOut };
    at = layer.b + fanOut;
    if (hidden) {
      layer.gamma = at;
      layer.beta = at + fanOut;
      at += 2 * fanOut;
    }
    layers.push(layer);
  }
  return { sizes, layers, start, end: at };
}

/** Each variable's [start, end) in the flat vector, in the order the layout lists them. */
export function variableRanges(net: NetLayout): [number, number][] {
  return net.layers.flatMap((l, i) => {
    const out = net.sizes[i + 1];
    const w: [number, number] = [l.w, l.b];
    const b: [number, number] = [l.b, l.b + out];
    return l.gamma === undefined ? [w, b] : [w, b, [l.gamma, l.gamma + out], [l.beta!, l.beta! + out]];
  });
}

/**
 * Where a row's backward figures sit in its stretch of the scratch buffer (relative to `start`):
 * per hidden layer h (its activation, the next layer's input), dz (dL/dz' with z' = x W + b),
 * tzdu (theta z du) and tdu (theta du), where du = dL/du and u = FiLM(z'); then dout.
 */
export interface NetScratch {
  h: number[];
  dz: number[];
  tzdu: number[];
  tdu: number[];
  dout: number;
  start: number;
  end: number;
}

export function netScratch(net: NetLayout, start: number): NetScratch {
  const hidden = net.sizes.slice(1, -1);
  let at = start;
  const take = (n: number) => ((at += n), at - n);
  const h = hidden.map(take);
  const dz = hidden.map(take);
  const tzdu = hidden.map(take);
  const tdu = hidden.map(take);
  const dout = take(net.sizes[net.sizes.length - 1]);
  return { h, dz, tzdu, tdu, dout, start, end: at };
}

/**
 * WGSL statements for a forward pass: reads `${x}` (array<f32, in>), declares
 * `${p}h0 ... ${p}h<L-1>` (hidden activations), `${p}z*` (pre-FiLM sums) and `${p}out`;
 * parameters are read from the storage buffer `buf`, theta-hat from `theta`.
 */
export function forwardWgsl(net: NetLayout, p: string, buf: string, x: string, theta: string): string {
  const lines: string[] = [];
  let input = x;
  net.layers.forEach((layer, l) => {
    const [fanIn, fanOut] = [net.sizes[l], net.sizes[l + 1]];
    const hidden = layer.gamma !== undefined;
    const out = hidden ? `${p}h${l}` : `${p}out`;
    lines.push(`var ${out}: array<f32, ${fanOut}>;`);
    if (hidden) lines.push(`var ${p}z${l}: array<f32, ${fanOut}>;`);
    lines.push(`for (var j = 0; j < ${fanOut}; j++) {
      var s = ${buf}[${layer.b} + j];
      for (var i = 0; i < ${fanIn}; i++) { s += ${input}[i] * ${buf}[${layer.w} + i * ${fanOut} + j]; }`);
    if (hidden) {
      lines.push(`  ${p}z${l}[j] = s;
      let u = s * (1.0 + ${theta} * ${buf}[${layer.gamma} + j]) + ${theta} * ${buf}[${layer.beta} + j];
      ${out}[j] = tanh(clamp(u, -20.0, 20.0));
    }`);
    } else lines.push(`  ${out}[j] = s;\n    }`);
    input = out;
  });
  return lines.join('\n');
}

/**
 * WGSL statements for the backward pass of one row after forwardWgsl(net, p, ...): from
 * `${p}g` (dL/dout, declared by the caller) down to the first layer, storing each figure the
 * weight gradients need with `put(offset, value)` (offset into the row's scratch stretch).
 */
export function backwardWgsl(net: NetLayout, scratch: NetScratch, p: string, buf: string, theta: string, put: (offset: string, value: string) => string): string {
  const L = net.layers.length;
  const lines: string[] = [];
  const outDim = net.sizes[L];
  lines.push(`for (var k = 0; k < ${outDim}; k++) { ${put(`${scratch.dout} + k`, `${p}g[k]`)} }`);
  // dL/dh of the last hidden layer, then down through the hidden layers.
  let grad = `${p}g`;
  for (let l = L - 1; l >= 1; l--) {
    const layer = net.layers[l];
    const [fanIn, fanOut] = [net.sizes[l], net.sizes[l + 1]];
    const dh = `${p}dh${l - 1}`;
    lines.push(`var ${dh}: array<f32, ${fanIn}>;
    for (var i = 0; i < ${fanIn}; i++) {
      var s = 0.0;
      for (var j = 0; j < ${fanOut}; j++) { s += ${buf}[${layer.w} + i * ${fanOut} + j] * ${grad}[j]; }
      ${dh}[i] = s;
    }`);
    // Layer l - 1 is hidden: its activation h, its FiLM and its tanh.
    const below = net.layers[l - 1];
    const dz = `${p}dz${l - 1}`;
    lines.push(`var ${dz}: array<f32, ${fanIn}>;
    for (var j = 0; j < ${fanIn}; j++) {
      let h = ${p}h${l - 1}[j];
      let du = ${dh}[j] * (1.0 - h * h);
      ${dz}[j] = du * (1.0 + ${theta} * ${buf}[${below.gamma} + j]);
      ${put(`${scratch.h[l - 1]} + j`, 'h')}
      ${put(`${scratch.dz[l - 1]} + j`, `${dz}[j]`)}
      ${put(`${scratch.tzdu[l - 1]} + j`, `${theta} * ${p}z${l - 1}[j] * du`)}
      ${put(`${scratch.tdu[l - 1]} + j`, `${theta} * du`)}
    }`);
    grad = dz;
  }
  return lines.join('\n');
}

/**
 * WGSL statements that decode gradient slot `g` (a parameter of this net) into what its
 * gradient sums over rows: `return vec3<i32>(kind, a, b)` for the term a * row[b], where a is
 * 1 (kind 0), the row's input column a (kind 1) or row[a] (kind 2); row offsets are in the
 * row's scratch stretch. Slots are tried in layout order, so each test needs only an upper bound.
 */
export function gradientDecodeWgsl(net: NetLayout, scratch: NetScratch): string {
  const parts: string[] = [];
  net.layers.forEach((layer, l) => {
    const fanOut = net.sizes[l + 1];
    const hidden = layer.gamma !== undefined;
    const dz = hidden ? scratch.dz[l] : scratch.dout;
    const input = l === 0 ? 'vec3<i32>(1, k / ' + fanOut + ', ' : `vec3<i32>(2, ${scratch.h[l - 1]} + k / ${fanOut}, `;
    parts.push(`if (g < ${layer.b}) { let k = g - ${layer.w}; return ${input}${dz} + k % ${fanOut}); }`);
    parts.push(`if (g < ${layer.b + fanOut}) { return vec3<i32>(0, 0, ${dz} + g - ${layer.b}); }`);
    if (hidden) {
      parts.push(`if (g < ${layer.beta}) { return vec3<i32>(0, 0, ${scratch.tzdu[l]} + g - ${layer.gamma}); }`);
      parts.push(`if (g < ${layer.beta! + fanOut}) { return vec3<i32>(0, 0, ${scratch.tdu[l]} + g - ${layer.beta}); }`);
    }
  });
  return parts.join('\n');
}
