#!/usr/bin/env bash
# The GPU device check (issue 19): one call on a machine with an NVIDIA GPU, PyTorch, Lightning, TensorBoard, onnx and
# onnxruntime for Python, and no Node. Run from the repository root; results go to $OUT (default test-results/gpu):
#   gpu-run.log          everything printed below
#   gpu-results.tar.gz   nvidia-smi's raw query output (idle and under load), the two Liftoff runs (run.json,
#                        launch.json, metrics.jsonl, stdout, model.onnx), TensorBoard and Lightning logs with their
#                        ground truth as JSON, the ONNX checks
# Needs: a built CLI (dist/cli, dist/runner, dist/trainer) and, where the machine has no Node, a Node binary as
# .gpu/node.xz (see test/README.md, "GPU device check"). The fixtures in test/fixtures/gpu come from this script.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
OUT=${OUT:-$root/test-results/gpu}
mkdir -p "$OUT"
res=$(mktemp -d)/gpu
mkdir -p "$res/runs"
exec > >(tee "$OUT/gpu-run.log") 2>&1
say() { printf '\n[gpu] %s\n' "$*"; }
query=(--query-gpu=index,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits)  # = NVIDIA_SMI_ARGS

if ! command -v node >/dev/null 2>&1; then
  mkdir -p /tmp/liftoff-node/bin
  if command -v xz >/dev/null 2>&1; then xz -dc .gpu/node.xz > /tmp/liftoff-node/bin/node
  else python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(".gpu/node.xz"), open(sys.argv[1], "wb"))' /tmp/liftoff-node/bin/node; fi
  chmod +x /tmp/liftoff-node/bin/node
  export PATH=/tmp/liftoff-node/bin:$PATH
fi
say "machine"
nvidia-smi -L
nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
node --version
python3 - <<'PY'
import torch, onnx, onnxruntime, tensorboard
try:
    import lightning as L
except ImportError:
    import pytorch_lightning as L
print("torch %s (CUDA %s, %s, bf16 %s), lightning %s, tensorboard %s, onnx %s, onnxruntime %s %s" % (
    torch.__version__, torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU",
    torch.cuda.is_available() and torch.cuda.is_bf16_supported(), L.__version__, tensorboard.__version__,
    onnx.__version__, onnxruntime.__version__, onnxruntime.get_available_providers()))
PY
nvidia-smi "${query[@]}" > "$res/nvidia-smi-idle.csv"
nvidia-smi > "$res/nvidia-smi-idle.txt"
say "nvidia-smi ${query[*]} (idle):"; cat "$res/nvidia-smi-idle.csv"

train() {  # $1 experiment file: liftoff train, the same launcher as ▶ Train, while sampling nvidia-smi under load
  local exp=$1 name; name=$(basename "$exp" .experiment.yaml)
  say "liftoff train $exp"
  node dist/cli/liftoff.js train "$exp" --workspace "$root" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do nvidia-smi "${query[@]}" >> "$res/nvidia-smi-load-$name.csv"; sleep 0.5; done
  wait "$pid"; local rc=$?
  say "liftoff train exited $rc"
  local dir; dir=$(ls -dt "$root"/.liftoff/runs/*/* | head -n 1)
  mkdir -p "$res/runs/$name"
  cp -r "$dir"/. "$res/runs/$name/"
  say "run folder $(ls "$dir" | tr '\n' ' ')"
  tail -n 3 "$dir"/*.log 2>/dev/null
  [ -f "$dir/model.onnx" ] && python3 test/gpu/check_onnx.py "$dir/model.onnx" "$res/runs/$name/onnx-check.json"
}
train test/gpu/gpu-bf16.experiment.yaml
train test/gpu/gpu-torchrun.experiment.yaml
say "nvidia-smi under load (max utilization, max memory used):"
cat "$res"/nvidia-smi-load-*.csv | awk -F', ' '{ if ($5+0 > u) u = $5+0; if ($4+0 > m) m = $4+0 } END { print "utilization " u " %, memory used " m " MiB" }'

say "the model exported by PyTorch 2.11's first run of this script (weights in model.onnx.data beside it)"
mkdir -p "$res/external-data"
python3 test/gpu/check_onnx.py test/fixtures/gpu/external-data/model.onnx "$res/external-data/onnx-check.json"

say "TensorBoard SummaryWriter"; python3 test/gpu/write_tensorboard.py "$res"
say "Lightning CSVLogger + TensorBoardLogger"; python3 test/gpu/write_lightning.py "$res" 2>&1 | grep -v -E 'UserWarning|warnings.warn|^\s*$'

tar czf "$OUT/gpu-results.tar.gz" -C "$res" .
say "results: $(du -h "$OUT/gpu-results.tar.gz" | cut -f1) in gpu-results.tar.gz"
