#!/usr/bin/env python3
"""Checks an exported model with onnx.checker and runs it with onnxruntime: CUDA first when this build has it, CPU as
the reference. Prints which provider onnxruntime actually used and the largest difference from the CPU result, and
writes reference predictions for Liftoff's own inference to match in CI: raw rows, the preprocessing from model.json
beside the model applied, softmax probabilities.
Usage: check_onnx.py MODEL.onnx OUT.json
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort


def main(path, out):
    onnx.checker.check_model(path, full_check=True)  # by path, so weights in external data files are checked too
    model = onnx.load(path, load_external_data=False)
    available = ort.get_available_providers()
    inp = model.graph.input[0]
    features = inp.type.tensor_type.shape.dim[1].dim_value
    meta = json.load(open(os.path.join(os.path.dirname(path), "model.json")))
    raw = np.random.default_rng(0).normal(scale=4.0, size=(64, features)).round(3).astype(np.float32)
    pre = meta.get("preprocessing", {})
    x = ((raw - np.array(pre["mean"], np.float32)) / np.array(pre["std"], np.float32)).astype(np.float32) \
        if pre.get("op") == "standardize" else raw
    cpu = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    ref = cpu.run(None, {inp.name: x})[0]
    external = sorted({e.value for t in model.graph.initializer for e in t.external_data if e.key == "location"})
    result = {"onnx": onnx.__version__, "onnxruntime": ort.__version__, "available": available,
              "opset": [o.version for o in model.opset_import], "checker": "passed", "external_data": external,
              "inputs": [i.name for i in model.graph.input], "outputs": [o.name for o in model.graph.output]}
    wanted = [p for p in ["CUDAExecutionProvider", "TensorrtExecutionProvider"] if p in available] + ["CPUExecutionProvider"]
    sess = ort.InferenceSession(path, providers=wanted)
    got = sess.run(None, {inp.name: x})[0]
    result["requested"] = wanted
    result["used"] = sess.get_providers()
    result["max_abs_diff_vs_cpu"] = float(np.max(np.abs(got - ref)))
    e = np.exp(ref - ref.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    result["reference"] = {"rows": raw.tolist(), "probabilities": probs.tolist(),
                           "labels": [meta["labels"][i] for i in probs.argmax(axis=1)]}
    json.dump(result, open(out, "w"), indent=1)
    print("onnx check: %s (onnx %s, opset %s, external data %s); onnxruntime %s providers available %s; used %s; "
          "max |d| vs CPU %.3g; reference labels %s" % (
              result["checker"], onnx.__version__, result["opset"], external or "none", ort.__version__, available,
              result["used"], result["max_abs_diff_vs_cpu"], sorted(set(result["reference"]["labels"]))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
