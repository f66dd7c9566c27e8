#!/usr/bin/env python3
"""Writes TensorBoard event files the way users' training scripts do (torch.utils.tensorboard.SummaryWriter), then reads
them back with TensorBoard's own EventAccumulator and writes what it read as JSON: the ground truth that Liftoff's
tfevents reader must reproduce (test/unit/core/metrics/real-writers.test.ts).

Cases (each a folder under OUT/tensorboard):
  scalars/       several tags, 3,000 steps, one writer; old-style simple_value scalars
  new-style/     add_scalar(new_style=True): the value is a tensor proto, not simple_value
  mixed/         scalars next to histograms, text and an image (non-scalars must be skipped)
  restarted/     a run that crashed at step 1,200 and resumed from its step-1,000 checkpoint: a second events file
                 in the same folder whose steps go back (TensorBoard keeps the last write for a step)
  grouped/       add_scalars: one parent tag, one sub-folder per series
  partial/       copies of a file taken while its writer was still writing: after a flush, and cut mid-record
Usage: write_tensorboard.py OUT_DIR
"""
import json
import math
import os
import shutil
import sys
import time

import numpy as np
from torch.utils.tensorboard import SummaryWriter
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def curve(step, tag_index):
    return float(2.0 * math.exp(-step / 700.0) + 0.05 * math.sin(step / 7.0 + tag_index) + 0.01 * tag_index)


def read_back(folder):
    """Every scalar TensorBoard itself reads from the folder's event files (each file separately, in name order)."""
    result = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.startswith("events.out.tfevents"):
            continue
        acc = EventAccumulator(path, size_guidance={"scalars": 0, "tensors": 0})
        acc.Reload()
        tags = acc.Tags()
        file_result = {}
        for tag in tags.get("scalars", []):
            file_result[tag] = [[e.step, e.value, e.wall_time] for e in acc.Scalars(tag)]
        for tag in tags.get("tensors", []):
            events = acc.Tensors(tag)
            values = []
            for e in events:
                arr = np.frombuffer(e.tensor_proto.tensor_content, dtype=np.float32) if e.tensor_proto.tensor_content \
                    else np.array(e.tensor_proto.float_val, dtype=np.float32)
                if arr.size == 1:
                    values.append([e.step, float(arr.reshape(-1)[0]), e.wall_time])
            if values:
                file_result[tag] = values
        result[name] = file_result
    return result


def main(out):
    root = os.path.join(out, "tensorboard")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    tags = ["train/loss", "train/accuracy", "val/loss", "lr"]

    w = SummaryWriter(os.path.join(root, "scalars"))
    for step in range(3000):
        for i, tag in enumerate(tags):
            if tag.startswith("val/") and step % 100:
                continue
            w.add_scalar(tag, curve(step, i), step)
    w.close()

    w = SummaryWriter(os.path.join(root, "new-style"))
    for step in range(0, 500, 5):
        w.add_scalar("loss", curve(step, 0), step, new_style=True)
    w.close()

    w = SummaryWriter(os.path.join(root, "mixed"))
    rng = np.random.default_rng(0)
    for step in range(50):
        w.add_scalar("loss", curve(step, 0), step)
        w.add_histogram("weights", rng.normal(size=100), step)
        if step % 10 == 0:
            w.add_text("notes", "step %d" % step, step)
            w.add_image("sample", rng.random((3, 8, 8)), step)
    w.close()

    folder = os.path.join(root, "restarted")
    w = SummaryWriter(folder)
    for step in range(1200):
        w.add_scalar("loss", curve(step, 0), step)
    w.close()
    time.sleep(1.1)  # the second file's name carries a later timestamp, as a resumed job's would
    w = SummaryWriter(folder)
    for step in range(1000, 2000):
        w.add_scalar("loss", curve(step, 0) * 0.9, step)
    w.close()

    w = SummaryWriter(os.path.join(root, "grouped"))
    for step in range(200):
        w.add_scalars("loss", {"train": curve(step, 0), "val": curve(step, 1)}, step)
    w.close()

    partial = os.path.join(root, "partial")
    os.makedirs(partial)
    live = os.path.join(root, "live")
    w = SummaryWriter(live)
    for step in range(400):
        w.add_scalar("loss", curve(step, 0), step)
    w.flush()
    events = [n for n in os.listdir(live) if n.startswith("events.out.tfevents")][0]
    data = open(os.path.join(live, events), "rb").read()
    open(os.path.join(partial, events), "wb").write(data)          # read while being written, after a flush
    cut = os.path.join(partial, "cut")
    os.makedirs(cut)
    open(os.path.join(cut, events), "wb").write(data[:-7])          # the last record cut mid-way
    for step in range(400, 800):
        w.add_scalar("loss", curve(step, 0), step)
    w.close()

    truth = {}
    for case in ["scalars", "new-style", "mixed", "restarted", "grouped", "live", "partial"]:
        folder = os.path.join(root, case)
        if case == "grouped":
            for sub in sorted(os.listdir(folder)):
                if os.path.isdir(os.path.join(folder, sub)):
                    truth["grouped/" + sub] = read_back(os.path.join(folder, sub))
            truth[case] = read_back(folder)
        else:
            truth[case] = read_back(folder)
    with open(os.path.join(root, "expected.json"), "w") as fh:
        json.dump(truth, fh)
    for case, files in truth.items():
        print("tensorboard %-22s %s" % (case, ", ".join("%s: %d points" % (t, len(v)) for f in files.values() for t, v in f.items())))


if __name__ == "__main__":
    main(sys.argv[1])
