/** Backend names and the report shape, without tfjs, so the UI thread can use them cheaply. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export interface BackendReport {
  name: BackendName;
  skipped: { name: BackendName; reason: string }[];
}
