#!/usr/bin/env bash
# Real failures on a GPU machine, for the failure diagnosis (core/src/runs/diagnose.ts): each case runs a small
# script that fails one way and keeps its stdout, stderr and exit status as failures/<case>.{out,err,status} in $OUT/failures.tar.gz.
# Cases: CUDA out of memory, host memory under ulimit -v, a missing module, a missing file, a diverging loss, NCCL with
# two ranks on one GPU, a torchrun rendezvous that never completes, SIGKILL. Run from the repository root.
set -uo pipefail
OUT=${OUT:-$PWD/test-results/gpu}
dir=$(mktemp -d)/failures
mkdir -p "$dir" "$OUT"
work=$(mktemp -d)
run() {  # $1 case, rest: command
  local name=$1; shift
  ( cd "$work" && timeout 120 "$@" ) > "$dir/$name.out" 2> "$dir/$name.err"
  local rc=$?
  echo "$rc" > "$dir/$name.status"
  printf '[failures] %-14s exit %s; last stderr line: %s\n' "$name" "$rc" "$(grep -v '^\s*$' "$dir/$name.err" | tail -n 1 | cut -c1-160)"
}
cat > "$work/cuda_oom.py" <<'PY'
import torch
x = torch.randn(1024, 1024, device="cuda")
print("step 1 loss 0.91", flush=True)
big = torch.empty(400 * 1024**3, dtype=torch.uint8, device="cuda")
PY
cat > "$work/host_oom.py" <<'PY'
chunks = []
for i in range(10000):
    chunks.append(bytearray(64 * 1024 * 1024))
    print("allocated %d MiB" % ((i + 1) * 64), flush=True)
PY
cat > "$work/nan_loss.py" <<'PY'
import json, os, torch
torch.manual_seed(0)
model = torch.nn.Linear(16, 1).cuda()
opt = torch.optim.SGD(model.parameters(), lr=1e6)
x, y = torch.randn(256, 16, device="cuda"), torch.randn(256, 1, device="cuda")
with open("metrics.jsonl", "w") as fh:
    for step in range(1, 40):
        loss = torch.nn.functional.mse_loss(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
        fh.write(json.dumps({"step": step, "train_loss": loss.item()}) + "\n"); fh.flush()
        print("step %d loss %s" % (step, loss.item()), flush=True)
        if not torch.isfinite(loss):
            raise FloatingPointError("loss is nan at step %d" % step)
PY
cat > "$work/nccl_dup.py" <<'PY'
import os, torch, torch.distributed as dist
dist.init_process_group("nccl")
torch.cuda.set_device(0)  # both ranks on the one GPU: NCCL refuses
t = torch.ones(4, device="cuda")
dist.all_reduce(t)
torch.cuda.synchronize()
print("sum", t.tolist(), flush=True)
PY
cat > "$work/hello.py" <<'PY'
print("never reached", flush=True)
PY
run cuda-oom python3 -u cuda_oom.py
run host-oom bash -c 'ulimit -v 2000000; exec python3 -u host_oom.py'
run missing-module python3 -u -c 'import torch; import flash_attn_liftoff_missing'
run missing-file python3 -u -c 'import pandas; pandas.read_csv("data/train.csv")'
run nan-loss python3 -u nan_loss.py
cp "$work/metrics.jsonl" "$dir/nan-loss.metrics.jsonl" 2>/dev/null
run nccl torchrun --standalone --nproc_per_node=2 nccl_dup.py
run rendezvous torchrun --nnodes=2 --nproc_per_node=1 --rdzv_backend=c10d --rdzv_endpoint=127.0.0.1:29411 --rdzv_id=liftoff --rdzv_conf=join_timeout=15 hello.py
run sigkill bash -c 'python3 -u -c "import os, signal, time; print(\"training\", flush=True); os.kill(os.getpid(), signal.SIGKILL)"'
tar czf "$OUT/failures.tar.gz" -C "$(dirname "$dir")" failures
ls -la "$dir"
