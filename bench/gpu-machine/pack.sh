#!/bin/bash
# Packs the GPU machine's kit into .gpu/ (git ignores it; the `run` tool carries it): Node, Dawn's
# dawn.node, the bundle of kit.ts, tfjs-wasm's .wasm files and the Vulkan/GL loader .debs, all
# xz-compressed, as run.sh unpacks them there. Run from anywhere, on this machine; prints the
# `run` call. DAWN=path/to/dawn.node overrides where Dawn comes from (npm webgpu@0.6.2's
# dist/linux-x64/dawn.node; by default the bench's own install, bench/lib/dawn.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
KIT=.gpu
DAWN=${DAWN:-${XDG_CACHE_HOME:-$HOME/.cache}/adage-lab/bench-webgpu/node_modules/webgpu/dist/linux-x64/dawn.node}
[ -f "$DAWN" ] || { echo "no $DAWN: run 'npm run bench -- 9 --hosts node --backends webgpu' once (it installs npm webgpu), or set DAWN" >&2; exit 1; }
mkdir -p $KIT/debs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# xz of one file, redone only when the source is newer: Node alone takes a minute here.
pack() { # source target.xz
  if [ ! -f "$2" ] || [ "$1" -nt "$2" ]; then xz -T2 -6 -c "$1" > "$2.part" && mv "$2.part" "$2"; fi
}

# The debug info is three quarters of Debian's node binary and of no use there.
NODE=$(command -v node)
if [ ! -f $KIT/node.xz ] || [ "$NODE" -nt $KIT/node.xz ]; then strip -o "$TMP/node" "$NODE"; pack "$TMP/node" $KIT/node.xz; fi
pack "$DAWN" $KIT/dawn.node.xz

# The bundle runs where there is no node_modules: require, __filename and __dirname as CommonJS
# modules (tfjs-wasm's loader, Dawn's) expect them; the .wasm files are found beside it.
node_modules/.bin/esbuild bench/gpu-machine/kit.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$TMP/kit.mjs" --external:'*.node' --log-level=warning \
  --banner:js="import { createRequire as __kitRequire } from 'node:module'; import { fileURLToPath as __kitPath } from 'node:url'; import { dirname as __kitDir } from 'node:path'; const require = __kitRequire(import.meta.url); const __filename = __kitPath(import.meta.url); const __dirname = __kitDir(__filename);"
xz -T2 -6 -c "$TMP/kit.mjs" > $KIT/kit.mjs.xz
for w in node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm; do pack "$w" "$KIT/$(basename "$w").xz"; done

# The GPU machine may lack the Vulkan loader and glvnd, which NVIDIA's Vulkan driver needs.
if ! ls $KIT/debs/libvulkan1_*.deb > /dev/null 2>&1; then
  (cd $KIT/debs && apt-get -o APT::Sandbox::User=root download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 > /dev/null)
fi

find $KIT -type f -printf '%10s  %p\n' | sort -k2
du -sh $KIT
echo "On a session lent a GPU machine (the run tool), one call:"
echo "  run(command='bash bench/gpu-machine/run.sh', carry=['.gpu'], timeout_s=540)"
