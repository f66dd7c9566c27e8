#!/usr/bin/env python3
"""Liftoff example: train a small MLP classifier with PyTorch and export it to ONNX.

Runs on CPU or CUDA, single process or under torchrun (DDP). Only PyTorch is required; PyYAML is used for
--config when it is installed. Liftoff passes two environment variables:

  LIFTOFF_METRICS_FILE  JSON-lines metrics file (default ./metrics.jsonl); one object per line, flushed per line
  LIFTOFF_RUN_DIR       where model.onnx and model.json are written (default .)

Examples:
  /usr/bin/python3 -u train.py --epochs 3
  /usr/bin/python3 -u train.py --config ../credit-risk/credit-risk.experiment.yaml --epochs 5
  torchrun --standalone --nproc_per_node=2 train.py
"""

import argparse
import copy
import inspect
import json
import math
import os
import sys
import time

try:
    import torch
    import torch.distributed as dist
    import torch.nn as nn
    import torch.nn.functional as F
    from torch.utils.data import DataLoader, TensorDataset
    from torch.utils.data.distributed import DistributedSampler
except ImportError as exc:  # pragma: no cover - environment problem, not a code path to test
    sys.stderr.write("error: PyTorch is required (%s). On Debian: apt-get install python3-torch\n" % exc)
    sys.exit(3)

DEFAULTS = {
    "epochs": 10,
    "batch_size": 64,
    "lr": 1e-3,
    "hidden": [64, 32],
    "precision": "fp32",
    "seed": 42,
    "samples": 20000,
    "features": 16,
    "classes": 4,
}
PRECISION_ALIASES = {
    "fp32": "fp32", "32": "fp32", "float32": "fp32", "full": "fp32",
    "bf16": "bf16", "bfloat16": "bf16", "bf16-mixed": "bf16", "bf16_mixed": "bf16",
}
VAL_FRACTION = 0.2
LOG_EVERY = 50  # optimizer steps between train_loss lines


class UsageError(Exception):
    """Bad arguments or config; reported without a traceback and exit code 2."""


def log(msg):
    print(msg, flush=True)


# ----------------------------------------------------------------------------------------------------------------
# Arguments and config
# ----------------------------------------------------------------------------------------------------------------

def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a positive integer, got %r" % text)
    if value <= 0:
        raise argparse.ArgumentTypeError("expected a positive integer, got %r" % text)
    return value


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a positive number, got %r" % text)
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError("expected a positive number, got %r" % text)
    return value


def hidden_list(text):
    parts = [p.strip() for p in str(text).replace("[", "").replace("]", "").split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("expected comma-separated layer widths like 64,32, got %r" % text)
    return [positive_int(p) for p in parts]


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Train a small MLP on a synthetic classification set; write JSON-lines metrics and ONNX.")
    parser.add_argument("--config", metavar="PATH", help="Liftoff experiment YAML (needs PyYAML)")
    parser.add_argument("--epochs", type=positive_int)
    parser.add_argument("--batch-size", type=positive_int, dest="batch_size")
    parser.add_argument("--lr", type=positive_float, help="learning rate (Adam)")
    parser.add_argument("--hidden", type=hidden_list, help="hidden layer widths, e.g. 64,32")
    parser.add_argument("--precision", choices=["fp32", "bf16"])
    parser.add_argument("--seed", type=int)
    parser.add_argument("--samples", type=positive_int, help="synthetic samples in total (train + validation)")
    parser.add_argument("--features", type=positive_int, help="input features of the synthetic set")
    parser.add_argument("--classes", type=positive_int, help="classes of the synthetic set (>= 2)")
    return parser, parser.parse_args(argv)


def _get(tree, *path):
    for key in path:
        if not isinstance(tree, dict) or key not in tree:
            return None
        tree = tree[key]
    return tree


def read_config(path):
    """Return settings found in a Liftoff experiment YAML; tolerant of missing or odd sections."""
    if not os.path.isfile(path):
        raise UsageError("config file not found: %s" % path)
    try:
        import yaml  # optional dependency
    except ImportError:
        log("note: PyYAML is not installed; ignoring --config %s and using command-line flags/defaults" % path)
        return {}
    try:
        with open(path, "r", encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except Exception as exc:  # yaml.YAMLError, decoding errors
        raise UsageError("cannot parse config %s: %s" % (path, exc))
    if not isinstance(doc, dict):
        raise UsageError("config %s is not a YAML mapping" % path)

    found = {}
    notes = []

    def take(name, value, convert):
        if value is None:
            return
        try:
            found[name] = convert(value)
        except (argparse.ArgumentTypeError, ValueError, TypeError):
            notes.append("ignoring %s=%r from config" % (name, value))

    take("epochs", _get(doc, "training", "epochs"), lambda v: positive_int(str(v)))
    take("batch_size", _get(doc, "training", "batch_size"), lambda v: positive_int(str(v)))
    take("lr", _get(doc, "training", "optimizer", "learning_rate"), lambda v: positive_float(str(v)))
    take("seed", _get(doc, "training", "seed"), lambda v: int(str(v)))
    hidden = _get(doc, "model", "hidden_layers")
    if hidden is not None:
        take("hidden", ",".join(str(h) for h in hidden) if isinstance(hidden, list) else hidden, hidden_list)
    precision = _get(doc, "training", "precision")
    if precision is not None:
        mapped = PRECISION_ALIASES.get(str(precision).strip().lower())
        if mapped:
            found["precision"] = mapped
        else:
            notes.append("precision %r is not supported by this example; using fp32" % precision)
            found["precision"] = "fp32"
    for note in notes:
        log("note: " + note)
    return found


def resolve_settings(argv):
    parser, args = parse_args(argv)
    settings = dict(DEFAULTS)
    try:
        if args.config:
            settings.update(read_config(args.config))
    except UsageError as exc:
        parser.error(str(exc))
    for key in DEFAULTS:  # flags override config
        value = getattr(args, key)
        if value is not None:
            settings[key] = value
    if settings["classes"] < 2:
        parser.error("--classes must be at least 2")
    n_val = int(settings["samples"] * VAL_FRACTION)
    if n_val < settings["classes"] or settings["samples"] - n_val < settings["batch_size"]:
        parser.error("--samples %d is too small for batch size %d and %d classes"
                     % (settings["samples"], settings["batch_size"], settings["classes"]))
    settings["config"] = args.config
    return settings


# ----------------------------------------------------------------------------------------------------------------
# Data: synthetic and seeded, generated in-process, no downloads
# ----------------------------------------------------------------------------------------------------------------

def make_dataset(samples, features, classes, seed):
    """Synthetic Gaussian-mixture classification set.

    Each class is a mixture of four overlapping Gaussian blobs with random centres (so the classes are not
    linearly separable and accuracy climbs over several epochs rather than saturating at once); features are
    then given random per-feature scales and offsets (so standardization matters). The same seed gives the same data on every
    rank. Returns standardized train/validation tensors plus the train-split mean/std.
    """
    gen = torch.Generator().manual_seed(seed)
    blobs_per_class = 4
    centres = torch.randn(classes * blobs_per_class, features, generator=gen) * 0.9
    labels = torch.randint(0, classes, (samples,), generator=gen)
    blob = labels * blobs_per_class + torch.randint(0, blobs_per_class, (samples,), generator=gen)
    x = centres[blob] + torch.randn(samples, features, generator=gen)
    scale = torch.exp(torch.randn(features, generator=gen))  # raw features on different scales
    offset = torch.randn(features, generator=gen) * 5.0
    x = x * scale + offset

    perm = torch.randperm(samples, generator=gen)
    n_val = int(samples * VAL_FRACTION)
    val_idx, train_idx = perm[:n_val], perm[n_val:]
    x_train, y_train = x[train_idx], labels[train_idx]
    x_val, y_val = x[val_idx], labels[val_idx]

    mean = x_train.mean(dim=0)
    std = x_train.std(dim=0).clamp_min(1e-6)
    x_train = (x_train - mean) / std
    x_val = (x_val - mean) / std
    return x_train, y_train, x_val, y_val, mean, std


# ----------------------------------------------------------------------------------------------------------------
# Model
# ----------------------------------------------------------------------------------------------------------------

class MLP(nn.Module):
    def __init__(self, features, hidden, classes):
        super().__init__()
        layers = []
        width = features
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


# ----------------------------------------------------------------------------------------------------------------
# Distributed / device setup
# ----------------------------------------------------------------------------------------------------------------

def setup_distributed():
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = torch.cuda.is_available()
    if use_cuda:
        device = torch.device("cuda", local_rank % max(torch.cuda.device_count(), 1))
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    distributed = world_size > 1
    if distributed:
        dist.init_process_group(backend="nccl" if use_cuda else "gloo")
        rank, world_size = dist.get_rank(), dist.get_world_size()
    return distributed, rank, world_size, local_rank, device


def bf16_available(device):
    """True when autocast to bfloat16 works on this device with this torch build."""
    try:
        if device.type == "cuda":
            if not torch.cuda.is_bf16_supported():
                return False
        probe = nn.Linear(4, 2).to(device)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
            out = probe(torch.randn(3, 4, device=device))
        return out.dtype == torch.bfloat16
    except Exception:
        return False


# ----------------------------------------------------------------------------------------------------------------
# Metrics
# ----------------------------------------------------------------------------------------------------------------

class Metrics:
    """JSON-lines writer; only rank 0 gets a real one. Every line is flushed so watchers see it at once."""

    def __init__(self, path, enabled):
        self.fh = None
        if enabled:
            parent = os.path.dirname(os.path.abspath(path))
            os.makedirs(parent, exist_ok=True)
            self.fh = open(path, "a", encoding="utf-8")

    def write(self, **record):
        if self.fh is None:
            return
        record.setdefault("time", time.time())
        self.fh.write(json.dumps(record) + "\n")
        self.fh.flush()

    def close(self):
        if self.fh is not None:
            self.fh.close()


# ----------------------------------------------------------------------------------------------------------------
# Train / evaluate / export
# ----------------------------------------------------------------------------------------------------------------

@torch.no_grad()
def evaluate(model, loader, device, autocast_ctx):
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device, non_blocking=True), yb.to(device, non_blocking=True)
        with autocast_ctx():
            logits = model(xb)
        total_loss += F.cross_entropy(logits.float(), yb, reduction="sum").item()
        correct += (logits.argmax(dim=1) == yb).sum().item()
        count += yb.numel()
    model.train()
    return total_loss / count, correct / count


def export_model(model, settings, mean, std, run_dir):
    os.makedirs(run_dir, exist_ok=True)
    onnx_path = os.path.join(run_dir, "model.onnx")
    cpu_model = copy.deepcopy(model).cpu().float().eval()
    params = inspect.signature(torch.onnx.export).parameters
    if "dynamo" in params and "dynamic_shapes" in params:
        # PyTorch >= 2.5: the torch.export-based exporter (the default from 2.9). Its lowest opset is 18; a batch of 2
        # in the example input keeps the batch dimension symbolic (torch.export specialises sizes 0 and 1), and the
        # weights stay inside model.onnx (newer versions otherwise write them to model.onnx.data beside it).
        opset = 18
        extra = {"dynamo": True, "dynamic_shapes": {"x": {0: torch.export.Dim("batch")}}}
        if "external_data" in params:
            extra["external_data"] = False
        dummy = torch.zeros(2, settings["features"])
    else:
        max_opset = getattr(getattr(torch.onnx, "_constants", None), "ONNX_MAX_OPSET", 13)
        opset = 17 if max_opset >= 17 else 13
        extra = {"dynamic_axes": {"features": {0: "batch"}, "logits": {0: "batch"}}, "do_constant_folding": True}
        dummy = torch.zeros(1, settings["features"])
    torch.onnx.export(cpu_model, dummy, onnx_path, input_names=["features"], output_names=["logits"],
                      opset_version=opset, **extra)
    meta = {
        "format": "onnx",
        "onnx": "model.onnx",
        "opset": opset,
        "input_name": "features",
        "output_name": "logits",
        "num_features": settings["features"],
        "labels": ["class_%d" % i for i in range(settings["classes"])],
        "preprocessing": {
            "op": "standardize",
            "note": "feed (x - mean) / std; statistics are from the training split",
            "mean": [round(v, 6) for v in mean.tolist()],
            "std": [round(v, 6) for v in std.tolist()],
        },
        "hidden_layers": settings["hidden"],
        "torch_version": torch.__version__,
    }
    with open(os.path.join(run_dir, "model.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    return onnx_path, opset


def main(argv=None):
    settings = resolve_settings(sys.argv[1:] if argv is None else argv)
    distributed, rank, world_size, local_rank, device = setup_distributed()
    is_main = rank == 0
    metrics_path = os.environ.get("LIFTOFF_METRICS_FILE") or "./metrics.jsonl"
    run_dir = os.environ.get("LIFTOFF_RUN_DIR") or "."

    precision = settings["precision"]
    if precision == "bf16" and not bf16_available(device):
        if is_main:
            log("note: bf16 autocast is not supported on %s with torch %s; falling back to fp32"
                % (device, torch.__version__))
        precision = "fp32"

    def autocast_ctx():
        return torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=precision == "bf16")

    torch.manual_seed(settings["seed"])
    x_train, y_train, x_val, y_val, mean, std = make_dataset(
        settings["samples"], settings["features"], settings["classes"], settings["seed"])
    train_set = TensorDataset(x_train, y_train)
    val_set = TensorDataset(x_val, y_val)
    sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank, shuffle=True,
                                 seed=settings["seed"], drop_last=True) if distributed else None
    gen = torch.Generator().manual_seed(settings["seed"])
    train_loader = DataLoader(train_set, batch_size=settings["batch_size"], shuffle=sampler is None,
                              sampler=sampler, drop_last=True, generator=gen if sampler is None else None,
                              pin_memory=device.type == "cuda")
    val_loader = DataLoader(val_set, batch_size=1024, shuffle=False)

    model = MLP(settings["features"], settings["hidden"], settings["classes"]).to(device)
    if distributed:
        model = nn.parallel.DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = torch.optim.Adam(model.parameters(), lr=settings["lr"])

    metrics = Metrics(metrics_path, enabled=is_main)
    if is_main:
        log("training: device=%s world_size=%d precision=%s epochs=%d batch_size=%d lr=%g hidden=%s "
            "train=%d val=%d features=%d classes=%d%s"
            % (device, world_size, precision, settings["epochs"], settings["batch_size"], settings["lr"],
               settings["hidden"], len(train_set), len(val_set), settings["features"], settings["classes"],
               " config=%s" % settings["config"] if settings["config"] else ""))
        log("metrics: %s" % os.path.abspath(metrics_path))

    step = 0
    best_acc = 0.0
    train_time = 0.0
    for epoch in range(1, settings["epochs"] + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        epoch_start = time.perf_counter()
        window_loss, window_steps, window_start = 0.0, 0, time.perf_counter()
        epoch_loss, epoch_steps, epoch_samples = 0.0, 0, 0
        for xb, yb in train_loader:
            xb, yb = xb.to(device, non_blocking=True), yb.to(device, non_blocking=True)
            with autocast_ctx():
                logits = model(xb)
            loss = F.cross_entropy(logits.float(), yb)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
            loss_value = loss.item()  # also synchronizes CUDA, so the timings below are honest
            window_loss += loss_value
            window_steps += 1
            epoch_loss += loss_value
            epoch_steps += 1
            epoch_samples += yb.numel()
            if step % LOG_EVERY == 0:
                now = time.perf_counter()
                # train_loss is rank 0's own mean over the window; with DDP all ranks see similar values.
                metrics.write(step=step, epoch=epoch, train_loss=round(window_loss / window_steps, 6),
                              samples_per_sec=round(window_steps * settings["batch_size"] * world_size
                                                    / max(now - window_start, 1e-9), 1))
                window_loss, window_steps, window_start = 0.0, 0, now
        epoch_train_s = time.perf_counter() - epoch_start
        train_time += epoch_train_s

        mean_train_loss = epoch_loss / max(epoch_steps, 1)
        if distributed:
            t = torch.tensor([mean_train_loss], device=device)
            dist.all_reduce(t)
            mean_train_loss = t.item() / world_size
        # Every rank holds identical weights, so rank 0 evaluates the (small) validation split alone.
        if is_main:
            val_loss, val_acc = evaluate(model, val_loader, device, autocast_ctx)
            best_acc = max(best_acc, val_acc)
            record = dict(step=step, epoch=epoch, train_loss=round(mean_train_loss, 6),
                          val_loss=round(val_loss, 6), val_accuracy=round(val_acc, 6),
                          samples_per_sec=round(epoch_samples * world_size / max(epoch_train_s, 1e-9), 1))
            if device.type == "cuda":
                record["gpu_mem_gb"] = round(torch.cuda.max_memory_allocated(device) / 1024 ** 3, 4)
            metrics.write(**record)
            log("epoch %d/%d  step %d  train_loss %.4f  val_loss %.4f  val_accuracy %.4f  %.0f samples/s  %.1fs"
                % (epoch, settings["epochs"], step, mean_train_loss, val_loss, val_acc,
                   record["samples_per_sec"], epoch_train_s))

    if is_main:
        raw_model = model.module if distributed else model
        onnx_path, opset = export_model(raw_model, settings, mean, std, run_dir)
        log("exported: %s (opset %d) and %s" % (onnx_path, opset, os.path.join(run_dir, "model.json")))
        mean_step_ms = 1000.0 * train_time / max(step, 1)
        log("done: epochs=%d, best val_accuracy=%.4f, mean step time=%.2f ms, device=%s%s"
            % (settings["epochs"], best_acc, mean_step_ms, device,
               " x%d (DDP)" % world_size if distributed else ""))
    metrics.close()
    if distributed:
        dist.barrier()
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
