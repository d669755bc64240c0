#!/bin/bash
# Times figure 9's rows on the GPU machine (the `run` tool runs it from the repo root, with .gpu/
# from pack.sh carried along): unpacks the kit, finds NVIDIA's Vulkan driver, and runs each row
# under its own timeout within KIT_SECONDS (480) in all. JSON lines (rows.jsonl), a log, each
# row's stderr and the table (table.md) go to $OUT.
#   bash bench/gpu-machine/run.sh                                the H200 plan below
#   KIT_SIZE=10x2x16 KIT_HIDDEN=16 bash bench/gpu-machine/run.sh  webgpu and wasm, distinct and
#       every rows, at that size only: a check of the kit on a machine without a GPU, with
#       SwiftShader's Vulkan (LD_LIBRARY_PATH=/usr/lib/chromium
#       VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)
set -u
START=$(date +%s)
TOTAL=${KIT_SECONDS:-480}
OUT=${OUT:-$PWD/gpu-results}
KIT=$PWD/.gpu
mkdir -p "$OUT"
left() { echo $(( TOTAL - ($(date +%s) - START) )); }
log() { echo "[$(( $(date +%s) - START ))s] $*" | tee -a "$OUT/log.txt"; }
[ -f "$KIT/kit.mjs.xz" ] || { log "no $KIT/kit.mjs.xz: run bash bench/gpu-machine/pack.sh first, and carry .gpu"; exit 1; }

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for f in node dawn.node kit.mjs tfjs-backend-wasm.wasm tfjs-backend-wasm-simd.wasm tfjs-backend-wasm-threaded-simd.wasm; do
  xz -dc "$KIT/$f.xz" > "$W/$f"
done
chmod +x "$W/node"
# The loaders go into a folder of the kit's own, after any library path the caller set, so that
# nothing on the machine changes and a caller's choice (SwiftShader's loader) comes first.
for f in "$KIT"/debs/*.deb; do dpkg -x "$f" "$W/sys"; done
export LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$W/sys/usr/lib/x86_64-linux-gnu
log "kit unpacked into $W: node $("$W/node" --version)"

nvidia-smi -L 2>&1 | tee -a "$OUT/log.txt"
ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d 2>&1 | tee -a "$OUT/log.txt"
# Where the container mounts NVIDIA's driver outside the loader's search path, name its ICD.
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] &&
   [ ! -f /usr/share/vulkan/icd.d/nvidia_icd.json ] && [ ! -f /etc/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  log "VK_DRIVER_FILES=$VK_DRIVER_FILES"
fi

# The adapter Dawn finds, with the Vulkan loader's errors and warnings: what to read first when
# the webgpu rows say "unavailable".
(cd "$W" && VK_LOADER_DEBUG=error,warn timeout 60 ./node kit.mjs "{\"adapter\": true, \"dawn\": \"$W/dawn.node\"}") 2>&1 | tail -20 | tee -a "$OUT/log.txt"

# One row (one case on one backend): name, budget in seconds (cut to the time left), the kit's flags. The kit stops the
# row at its budget and still reports what it measured; the timeout is the backstop, with room
# for the process start and the adapter's probe.
row() {
  local name=$1 budget=$2 l
  shift 2
  l=$(left)
  [ "$l" -gt 30 ] || { log "skip $name: out of time"; return; }
  [ "$budget" -gt $(( l - 20 )) ] && budget=$(( l - 20 ))
  log "$name: $* --budget $budget"
  (cd "$W" && timeout $(( budget + 20 )) ./node kit.mjs "$@" --budget "$budget") 2> "$OUT/err-$name.txt" | tee -a "$OUT/rows.jsonl"
  grep -q '^\[bench\]' "$OUT/err-$name.txt" || log "$name: no row; its stderr ends: $(tail -c 300 "$OUT/err-$name.txt")"
}

if [ -n "${KIT_SIZE:-}" ]; then
  for b in webgpu wasm; do
    for r in distinct every; do row "$b-$KIT_SIZE-$r" 60 --sizes "$KIT_SIZE" --hidden "${KIT_HIDDEN:-16}" --backends $b --rows $r; done
  done
else
  std="--sizes 100x8x128 --hidden 64"
  row webgpu-std-distinct 30 $std --backends webgpu --rows distinct
  row webgpu-std-every 30 $std --backends webgpu --rows every
  row wasm-std-distinct 40 $std --backends wasm --rows distinct
  row webgpu-n1000-every 45 --sizes 1000x8x128 --hidden 64 --backends webgpu --rows every
  row webgpu-n1000-distinct 45 --sizes 1000x8x128 --hidden 64 --backends webgpu --rows distinct
  row webgpu-n1000-h256 50 --sizes 1000x8x128 --hidden 256 --backends webgpu --rows distinct
  row webgpu-m64-h256 90 --sizes 1000x64x128 --hidden 256 --backends webgpu --rows distinct
  row wasm-std-every 60 $std --backends wasm --rows every
fi
log "done"
[ -s "$OUT/rows.jsonl" ] && (cd "$W" && ./node kit.mjs --table "$OUT/rows.jsonl") | tee "$OUT/table.md"
