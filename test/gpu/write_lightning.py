#!/usr/bin/env python3
"""Trains a small Lightning model on the GPU (bf16-mixed) with Lightning's own CSVLogger and TensorBoardLogger, then
writes what those files hold, read with the csv module and TensorBoard's EventAccumulator, as JSON ground truth for
Liftoff's Lightning CSV and tfevents readers (test/unit/core/metrics/real-writers.test.ts).
Usage: write_lightning.py OUT_DIR
"""
import csv
import json
import os
import shutil
import sys

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

try:
    import lightning as L
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger
except ImportError:  # older installs ship only pytorch_lightning
    import pytorch_lightning as L
    from pytorch_lightning.loggers import CSVLogger, TensorBoardLogger
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


class Classifier(L.LightningModule):
    def __init__(self, features=16, classes=4):
        super().__init__()
        self.save_hyperparameters()
        self.net = torch.nn.Sequential(torch.nn.Linear(features, 64), torch.nn.ReLU(), torch.nn.Linear(64, classes))

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, _):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss, on_step=True, on_epoch=True, prog_bar=True)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        logits = self(x)
        self.log("val_loss", F.cross_entropy(logits, y), on_epoch=True)
        self.log("val_acc", (logits.argmax(-1) == y).float().mean(), on_epoch=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-2)


def data(n, seed):
    g = torch.Generator().manual_seed(seed)
    centers = torch.randn(4, 16, generator=g) * 3
    y = torch.randint(0, 4, (n,), generator=g)
    x = centers[y] + torch.randn(n, 16, generator=g)
    return TensorDataset(x, y)


def main(out):
    root = os.path.join(out, "lightning")
    shutil.rmtree(root, ignore_errors=True)
    torch.manual_seed(0)
    loggers = [CSVLogger(root, name="csv"), TensorBoardLogger(root, name="tb")]
    trainer = L.Trainer(max_epochs=4, accelerator="gpu" if torch.cuda.is_available() else "cpu", devices=1,
                        precision="bf16-mixed" if torch.cuda.is_available() else "32-true", logger=loggers,
                        log_every_n_steps=5, enable_checkpointing=False, enable_progress_bar=False)
    trainer.fit(Classifier(), DataLoader(data(4000, 1), batch_size=64, shuffle=True),
                DataLoader(data(1000, 2), batch_size=256))

    truth = {"accelerator": str(trainer.accelerator.__class__.__name__), "precision": str(trainer.precision)}
    csv_path = os.path.join(loggers[0].log_dir, "metrics.csv")
    with open(csv_path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    truth["csv"] = {"path": os.path.relpath(csv_path, root), "rows": rows}
    tb = {}
    for name in sorted(os.listdir(loggers[1].log_dir)):
        if name.startswith("events.out.tfevents"):
            acc = EventAccumulator(os.path.join(loggers[1].log_dir, name), size_guidance={"scalars": 0})
            acc.Reload()
            tb[os.path.relpath(os.path.join(loggers[1].log_dir, name), root)] = {
                tag: [[e.step, e.value, e.wall_time] for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]}
    truth["tensorboard"] = tb
    with open(os.path.join(root, "expected.json"), "w") as fh:
        json.dump(truth, fh)
    print("lightning: %s, precision %s; metrics.csv %d rows, columns %s; tfevents tags %s" % (
        truth["accelerator"], truth["precision"], len(rows), list(rows[0].keys()) if rows else [],
        sorted({t for f in tb.values() for t in f})))


if __name__ == "__main__":
    main(sys.argv[1])
