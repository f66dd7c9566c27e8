#!/usr/bin/env python3
"""Liftoff template: intent classification for customer-service messages, with the Python standard library only.

A multinomial naive Bayes over word unigrams and bigrams: a real, fast baseline to beat before fine-tuning a
language model. Reads a CSV with `text` and `intent` columns, holds out a stratified validation share, and writes
one JSON line of metrics to LIFTOFF_METRICS_FILE (or --metrics) and the model's word counts to LIFTOFF_RUN_DIR.

  python3 -u train.py --data data/utterances.csv
"""

import argparse
import csv
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict


def tokens(text):
    words = re.findall(r"[a-z']+", text.lower())
    return words + [a + "_" + b for a, b in zip(words, words[1:])]


def split(rows, share, seed):
    by_label = defaultdict(list)
    for row in rows:
        by_label[row[1]].append(row)
    rng = random.Random(seed)
    train, val = [], []
    for label in sorted(by_label):
        items = by_label[label]
        rng.shuffle(items)
        cut = max(1, int(round(len(items) * share)))
        val += items[:cut]
        train += items[cut:]
    return train, val


def fit(rows, alpha):
    words = defaultdict(Counter)
    docs = Counter()
    for text, label in rows:
        docs[label] += 1
        words[label].update(tokens(text))
    vocab = set(w for c in words.values() for w in c)
    return {"docs": docs, "words": words, "vocab": vocab, "alpha": alpha, "n": len(rows)}


def predict(model, text):
    best, best_score = None, -math.inf
    v = len(model["vocab"])
    for label, count in model["docs"].items():
        total = sum(model["words"][label].values())
        score = math.log(count / model["n"])
        for w in tokens(text):
            score += math.log((model["words"][label][w] + model["alpha"]) / (total + model["alpha"] * v))
        if score > best_score:
            best, best_score = label, score
    return best


def macro_f1(pairs, labels):
    f1s = []
    for label in labels:
        tp = sum(1 for y, p in pairs if y == label and p == label)
        fp = sum(1 for y, p in pairs if y != label and p == label)
        fn = sum(1 for y, p in pairs if y == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="CSV with text and intent columns")
    ap.add_argument("--metrics", default=os.environ.get("LIFTOFF_METRICS_FILE", "metrics.jsonl"))
    ap.add_argument("--run-dir", default=os.environ.get("LIFTOFF_RUN_DIR", "."))
    ap.add_argument("--validation-share", type=float, default=0.2)
    ap.add_argument("--alpha", type=float, default=1.0, help="Laplace smoothing")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    try:
        with open(args.data, newline="", encoding="utf-8") as fh:
            rows = [(r["text"], r["intent"]) for r in csv.DictReader(fh)]
    except (OSError, KeyError) as err:
        sys.exit(f"error: cannot read {args.data} as a CSV with text and intent columns: {err}")
    if len(rows) < 10:
        sys.exit(f"error: {args.data} has {len(rows)} rows; intent classification needs more examples")
    train, val = split(rows, args.validation_share, args.seed)
    model = fit(train, args.alpha)
    labels = sorted(model["docs"])
    pairs = [(y, predict(model, x)) for x, y in val]
    accuracy = sum(1 for y, p in pairs if y == p) / len(pairs)
    record = {"epoch": 1, "step": len(train), "val_accuracy": accuracy, "val_f1": macro_f1(pairs, labels), "time": time.time()}
    os.makedirs(os.path.dirname(os.path.abspath(args.metrics)), exist_ok=True)
    with open(args.metrics, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    os.makedirs(args.run_dir, exist_ok=True)
    with open(os.path.join(args.run_dir, "model.json"), "w", encoding="utf-8") as fh:
        json.dump({"labels": labels, "docs": model["docs"], "words": {k: dict(v) for k, v in model["words"].items()}}, fh)
    print(f"trained on {len(train)} messages, {len(labels)} intents; validation accuracy {accuracy:.3f}", flush=True)


if __name__ == "__main__":
    main()
