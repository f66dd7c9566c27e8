/**
 * Simplified Chinese for the language service's rule messages and quick-fix titles (server/src/service/rules,
 * validate.ts, rule-runner.ts), in the same form as zh-cn.ts (English text → Chinese text, `{0}`… and backquoted code
 * kept) and merged into it. Kept apart so the rules' many sentences do not bury the short interface words.
 * Terms follow /shared/domain/DOMAIN.md (验证集, 早停, 资金跑道, 可服务市场 …).
 */
export const ZH_CN_RULES: Readonly<Record<string, string>> = {
  // Header (EXP-001 / PLAN-000)
  'A {0} document must be a mapping that starts with `apiVersion: {1}` and `kind: {0}`; this one is a single value.':
    '{0} 文档必须是以 `apiVersion: {1}` 和 `kind: {0}` 开头的映射；此文档只是单个值。',
  'A {0} document must be a mapping that starts with `apiVersion: {1}` and `kind: {0}`; this one is a list.':
    '{0} 文档必须是以 `apiVersion: {1}` 和 `kind: {0}` 开头的映射；此文档是一个列表。',
  'Insert `{0}`': '插入 `{0}`',
  'Insert `{0}` and `{1}`': '插入 `{0}` 和 `{1}`',
  'Missing `{0}`: every {1} document starts with this header so Liftoff (and other tools) know what it is.':
    '缺少 `{0}`：每个 {1} 文档都以此文件头开始，Liftoff（及其他工具）据此识别文档类型。',
  'Missing `{0}` and `{1}`: every {2} document starts with this header so Liftoff (and other tools) know what it is.':
    '缺少 `{0}` 和 `{1}`：每个 {2} 文档都以此文件头开始，Liftoff（及其他工具）据此识别文档类型。',
  'apiVersion must be `{0}`, found {1}.': 'apiVersion 必须是 `{0}`，实际为 {1}。',
  'Unknown kind: expected one of {0}, found {1}.': '未知的 kind：应为 {0} 之一，实际为 {1}。',
  'Empty {0} document: it needs at least `apiVersion: {1}` and `kind: {0}`.':
    '{0} 文档为空：至少需要 `apiVersion: {1}` 和 `kind: {0}`。',
  'Insert the {0} header': '插入 {0} 文件头',
  // EXP-002
  '`task.labels` is not a list: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.':
    '`task.labels` 不是列表：请列出类别名称，例如 `labels: [normal, lesion]`；或删除该键，从数据中读取类别。',
  '`task.labels` is empty: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.':
    '`task.labels` 为空：请列出类别名称，例如 `labels: [normal, lesion]`；或删除该键，从数据中读取类别。',
  'Class `{0}` is listed twice in `task.labels`: each class appears once.':
    '类别 `{0}` 在 `task.labels` 中出现了两次：每个类别只能出现一次。',
  'Remove the duplicate `{0}`': '删除重复的 `{0}`',
  'A classification task needs at least two distinct classes in `task.labels`; found none.':
    '分类任务的 `task.labels` 至少需要两个不同的类别；实际一个也没有。',
  'A classification task needs at least two distinct classes in `task.labels`; found only `{0}`.':
    '分类任务的 `task.labels` 至少需要两个不同的类别；实际只有 `{0}`。',
  '`task.positive_label` is not a class name, so it is not one of `task.labels` ({0}): name the class that counts as positive.':
    '`task.positive_label` 不是类别名称，因此不在 `task.labels`（{0}）之中：请指定作为正类的类别。',
  '`task.positive_label` is `{0}`, which is not one of `task.labels` ({1}): name the class that counts as positive.':
    '`task.positive_label` 为 `{0}`，不在 `task.labels`（{1}）之中：请指定作为正类的类别。',
  '`task.labels` has two classes ({0}), so this is a binary task: set `task.positive_label` to the class that counts as positive (used by precision, recall, F1 and AUC).':
    '`task.labels` 有两个类别（{0}），因此这是二分类任务：请把 `task.positive_label` 设为作为正类的类别（精确率、召回率、F1 和 AUC 都以它为准）。',
  // EXP-004 – EXP-007
  '`evaluation.metrics` lists `{0}`, which does not apply to a classification task (`task.type: classification`): use accuracy, precision, recall, f1, auc or log_loss.':
    '`evaluation.metrics` 列出了 `{0}`，它不适用于分类任务（`task.type: classification`）：请使用 accuracy、precision、recall、f1、auc 或 log_loss。',
  '`evaluation.metrics` lists `{0}`, which is a regression metric, not one for a classification task (`task.type: classification`): use accuracy, precision, recall, f1, auc or log_loss.':
    '`evaluation.metrics` 列出了 `{0}`，这是回归指标，不适用于分类任务（`task.type: classification`）：请使用 accuracy、precision、recall、f1、auc 或 log_loss。',
  '`evaluation.metrics` lists `{0}`, which does not apply to a regression task (`task.type: regression`): use mse, mae, rmse, r2 or mape.':
    '`evaluation.metrics` 列出了 `{0}`，它不适用于回归任务（`task.type: regression`）：请使用 mse、mae、rmse、r2 或 mape。',
  '`evaluation.metrics` lists `{0}`, which is a classification metric, not one for a regression task (`task.type: regression`): use mse, mae, rmse, r2 or mape.':
    '`evaluation.metrics` 列出了 `{0}`，这是分类指标，不适用于回归任务（`task.type: regression`）：请使用 mse、mae、rmse、r2 或 mape。',
  'Remove `{0}` from `evaluation.metrics`': '从 `evaluation.metrics` 中删除 `{0}`',
  '`task.labels` has {0} classes and `evaluation.metrics` includes {1}: per-class scores must be averaged, so set `evaluation.average` to `macro` (every class counts equally), `weighted` (by class frequency) or `micro` (over all samples).':
    '`task.labels` 有 {0} 个类别，且 `evaluation.metrics` 包含 {1}：各类别的得分需要求平均，请把 `evaluation.average` 设为 `macro`（每个类别权重相同）、`weighted`（按类别频率加权）或 `micro`（在全部样本上统计）。',
  'Add `average: {0}`': '添加 `average: {0}`',
  '`evaluation.average` is `binary`, which scores only the positive class of a two-class task, but `task.labels` has {0} classes: use `macro`, `weighted` or `micro`.':
    '`evaluation.average` 为 `binary`，它只对二分类任务的正类评分，但 `task.labels` 有 {0} 个类别：请使用 `macro`、`weighted` 或 `micro`。',
  'Change `evaluation.average` to `{0}`': '将 `evaluation.average` 改为 `{0}`',
  '`data.split.{0}` is {1}: a split fraction must be between 0 and 1 (exclusive). Remove the part if you do not want it.':
    '`data.split.{0}` 为 {1}：划分比例必须在 0 与 1 之间（不含 0 和 1）。不需要这一部分就删除它。',
  '`data.split` has only `{0}: {1}`, which leaves no data to validate or test on: add `validation` and/or `test` fractions (e.g. 0.8 / 0.1 / 0.1).':
    '`data.split` 只有 `{0}: {1}`，没有留下用于验证或测试的数据：请添加 `validation` 和/或 `test` 比例（例如 0.8 / 0.1 / 0.1）。',
  '`data.split` fractions sum to {0} ({1}), not 1 (percentages? write fractions such as 0.8): scale them so they add up to 1.':
    '`data.split` 的各比例之和为 {0}（{1}），不是 1（写成了百分数？请写成 0.8 这样的小数）：请按比例缩放，使总和为 1。',
  '`data.split` fractions sum to {0} ({1}), not 1: scale them so they add up to 1.':
    '`data.split` 的各比例之和为 {0}（{1}），不是 1：请按比例缩放，使总和为 1。',
  'Rescale the split to {0}': '把划分比例缩放为 {0}',
  '`data.split.strategy` is `by_group` but `data.split.group_key` is not set: name the column that identifies a group (e.g. `group_key: patient_id`) so no group spans two splits.':
    '`data.split.strategy` 为 `by_group`，但没有设置 `data.split.group_key`：请指定标识分组的列（例如 `group_key: patient_id`），使同一分组不会同时出现在两个数据子集中。',
  '`data.sensitivity` is `health` and `data.split.strategy` is `{0}`, so the data is split record by record: records of the same patient can end up in both training and validation/test data, which inflates the scores. Use `strategy: by_group` with `group_key` set to the patient identifier (e.g. `patient_id`).':
    '`data.sensitivity` 为 `health`，而 `data.split.strategy` 为 `{0}`，数据按记录逐条划分：同一患者的记录可能同时出现在训练集和验证集/测试集中，使评估分数虚高。请使用 `strategy: by_group`，并把 `group_key` 设为患者标识（例如 `patient_id`）。',
  '`data.sensitivity` is `health` and `data.split.strategy` is not set, so the data is split record by record: records of the same patient can end up in both training and validation/test data, which inflates the scores. Use `strategy: by_group` with `group_key` set to the patient identifier (e.g. `patient_id`).':
    '`data.sensitivity` 为 `health`，但没有设置 `data.split.strategy`，数据按记录逐条划分：同一患者的记录可能同时出现在训练集和验证集/测试集中，使评估分数虚高。请使用 `strategy: by_group`，并把 `group_key` 设为患者标识（例如 `patient_id`）。',
  // EXP-008 – EXP-012
  'a regular file': '普通文件',
  'a folder': '文件夹',
  'a named pipe (FIFO)': '命名管道（FIFO）',
  'a socket': '套接字',
  'a device': '设备文件',
  'a special file': '特殊文件',
  '{0} … ({1} more)': '{0} …（另有 {1} 个）',
  '`data.{0}` (`{1}`) is {2}, not a data file: Liftoff reads only regular files and folders (a pipe or device could stall validation and training). Point it at the data file itself.':
    '`data.{0}`（`{1}`）是{2}，不是数据文件：Liftoff 只读取普通文件和文件夹（管道或设备会让校验和训练卡住）。请指向数据文件本身。',
  '`data.{0}` (`{1}`) is empty: a CSV file starts with a header row naming its columns.':
    '`data.{0}`（`{1}`）为空：CSV 文件的第一行应是列出各列名称的表头。',
  '`data.{0}` points to `{1}`, which does not exist (looked for {2}). Did you mean `{3}`?':
    '`data.{0}` 指向的 `{1}` 不存在（查找的路径：{2}）。是否想写 `{3}`？',
  "`data.{0}` points to `{1}`, which does not exist (looked for {2}). Paths are relative to this file's folder; use a URI (s3://, gs://, hf://, https://) for remote data.":
    '`data.{0}` 指向的 `{1}` 不存在（查找的路径：{2}）。路径相对于本文件所在的文件夹；远程数据请使用 URI（s3://、gs://、hf://、https://）。',
  'Target column `{0}` is not in the header of `{1}`; closest: `{2}`. Columns: {3}.':
    '目标列 `{0}` 不在 `{1}` 的表头中；最接近的是 `{2}`。现有的列：{3}。',
  'Target column `{0}` is not in the header of `{1}`. Columns: {2}.':
    '目标列 `{0}` 不在 `{1}` 的表头中。现有的列：{2}。',
  'Feature column `{0}` is not in the header of `{1}`; closest: `{2}`. Columns: {3}.':
    '特征列 `{0}` 不在 `{1}` 的表头中；最接近的是 `{2}`。现有的列：{3}。',
  'Feature column `{0}` is not in the header of `{1}`. Columns: {2}.':
    '特征列 `{0}` 不在 `{1}` 的表头中。现有的列：{2}。',
  '`data.{0}` (`{1}`) has no column {2}, which `data.{3}` has and the experiment uses. Its columns: {4}.':
    '`data.{0}`（`{1}`）缺少列 {2}，而 `data.{3}` 有这些列，实验也要用到。它现有的列：{4}。',
  '`training.epochs` and `training.max_steps` are both set: training length must be given one way only. Keep `epochs` (passes over the data) or `max_steps` (optimizer steps).':
    '同时设置了 `training.epochs` 和 `training.max_steps`：训练时长只能用一种方式给出。请保留 `epochs`（遍历数据的轮数）或 `max_steps`（优化器步数）之一。',
  'Remove `max_steps`': '删除 `max_steps`',
  'Remove `epochs`': '删除 `epochs`',
  '`training` sets neither `epochs` nor `max_steps`: say how long to train, e.g. `epochs: 10`.':
    '`training` 既没有设置 `epochs` 也没有设置 `max_steps`：请说明训练多久，例如 `epochs: 10`。',
  '`training.{0}` is empty: it must be a positive whole number (e.g. `{1}`).':
    '`training.{0}` 为空：它必须是正整数（例如 `{1}`）。',
  '`training.{0}` is a list or mapping: it must be a positive whole number (e.g. `{1}`).':
    '`training.{0}` 是列表或映射：它必须是正整数（例如 `{1}`）。',
  '`training.{0}` is `{1}`: it must be a positive whole number (e.g. `{2}`).':
    '`training.{0}` 为 `{1}`：它必须是正整数（例如 `{2}`）。',
  '`training.optimizer.learning_rate` is {0}: it must be greater than 0 and at most 1 (typical values: 1e-3 for Adam, 0.01–0.1 for SGD).':
    '`training.optimizer.learning_rate` 为 {0}：学习率必须大于 0 且不超过 1（常用值：Adam 为 1e-3，SGD 为 0.01–0.1）。',
  "`training.optimizer.learning_rate` is {0}, high for `{1}`: above 0.01 Adam-style training is often unstable; common values are 1e-5 to 1e-3 (PyTorch's default is 0.001).":
    '`training.optimizer.learning_rate` 为 {0}，对 `{1}` 来说偏高：学习率超过 0.01 时，Adam 类优化器的训练常常不稳定；常用值为 1e-5 到 1e-3（PyTorch 的默认值是 0.001）。',
  '`training.optimizer.momentum` is {0}: it must be at least 0 and below 1 (0.9 is the usual choice for SGD).':
    '`training.optimizer.momentum` 为 {0}：动量必须大于等于 0 且小于 1（SGD 通常取 0.9）。',
  '`{0}` is `{1}`, which the run neither tracks (`metrics.track`) nor evaluates (`evaluation.metrics`): add it there or use one of {2}.':
    '`{0}` 为 `{1}`，但运行既不记录（`metrics.track`）也不评估（`evaluation.metrics`）这个指标：请把它加到其中，或使用以下之一：{2}。',
  '`{0}` is `{1}` but for `{2}` lower is better: use `{3}`.': '`{0}` 为 `{1}`，但 `{2}` 越低越好：请使用 `{3}`。',
  '`{0}` is `{1}` but for `{2}` higher is better: use `{3}`.': '`{0}` 为 `{1}`，但 `{2}` 越高越好：请使用 `{3}`。',
  'Change `{0}` to `{1}`': '将 `{0}` 改为 `{1}`',
  '`training.early_stopping` is set but the experiment has no validation data: add `data.validation` (a path) or a `validation` fraction to `data.split` (e.g. `validation: 0.1`), or remove early stopping.':
    '设置了 `training.early_stopping`，但实验没有验证集数据：请添加 `data.validation`（路径），或在 `data.split` 中加入 `validation` 比例（例如 `validation: 0.1`），或者去掉早停。',
  // EXP-013 – EXP-017
  '`training.mode` is `{0}`, which starts from pretrained weights, but `model.pretrained` is not set: name them (e.g. `pretrained: {source: huggingface, name: bert-base-chinese}`) or use `mode: from_scratch`.':
    '`training.mode` 为 `{0}`，需要从预训练权重开始，但没有设置 `model.pretrained`：请指定预训练权重（例如 `pretrained: {source: huggingface, name: bert-base-chinese}`），或改用 `mode: from_scratch`。',
  '`training.precision` is `{0}` but `resources.accelerator` is `{1}`: reduced and mixed precision are for GPU training. Use `precision: fp32` on CPU, or set `resources.accelerator: gpu`.':
    '`training.precision` 为 `{0}`，但 `resources.accelerator` 为 `{1}`：低精度和混合精度只用于 GPU 训练。在 CPU 上请使用 `precision: fp32`，或设置 `resources.accelerator: gpu`。',
  '`training.precision` is `{0}` but `resources.accelerator` is not set: reduced and mixed precision are for GPU training. Use `precision: fp32` on CPU, or set `resources.accelerator: gpu`.':
    '`training.precision` 为 `{0}`，但没有设置 `resources.accelerator`：低精度和混合精度只用于 GPU 训练。在 CPU 上请使用 `precision: fp32`，或设置 `resources.accelerator: gpu`。',
  'Change `training.precision` to `fp32`': '将 `training.precision` 改为 `fp32`',
  'Change `resources.accelerator` to `gpu`': '将 `resources.accelerator` 改为 `gpu`',
  '`resources.accelerator` is `gpu` but `resources.gpus` is not set: say how many GPUs per node to use (e.g. `gpus: 1`).':
    '`resources.accelerator` 为 `gpu`，但没有设置 `resources.gpus`：请说明每个节点使用几块 GPU（例如 `gpus: 1`）。',
  'Add `gpus: 1`': '添加 `gpus: 1`',
  'not a number': '非数字',
  '`resources.gpus` is `{0}` but `resources.accelerator` is `gpu`: use a whole number of at least 1, or `accelerator: cpu`.':
    '`resources.gpus` 为 `{0}`，但 `resources.accelerator` 为 `gpu`：请使用不小于 1 的整数，或改为 `accelerator: cpu`。',
  'Change `resources.gpus` to 1': '将 `resources.gpus` 改为 1',
  '`resources.gpus` is {0} on one node but `run.distributed` is not set: without one the command runs as a single process, which in most training scripts uses one GPU. Set `run.distributed` to `torchrun`, `ddp` or `deepspeed`.':
    '单个节点上 `resources.gpus` 为 {0}，但没有设置 `run.distributed`：不设置时命令以单个进程运行，大多数训练脚本这时只用一块 GPU。请把 `run.distributed` 设为 `torchrun`、`ddp` 或 `deepspeed`。',
  'Add `distributed: torchrun` to `run`': '在 `run` 中添加 `distributed: torchrun`',
  '`resources.nodes` is {0} but `run.launcher` is `{1}`: a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).':
    '`resources.nodes` 为 {0}，但 `run.launcher` 为 `{1}`：多节点运行要通过集群调度器启动。请设置 `run.launcher: slurm`（并设置 `run.slurm.partition`）。',
  '`resources.nodes` is {0} but `run.launcher` is not set (local): a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).':
    '`resources.nodes` 为 {0}，但没有设置 `run.launcher`（即本地启动）：多节点运行要通过集群调度器启动。请设置 `run.launcher: slurm`（并设置 `run.slurm.partition`）。',
  'Use `launcher: slurm`': '使用 `launcher: slurm`',
  'weights, gradients and the momentum buffer': '权重、梯度和动量缓冲区',
  'weights and gradients': '权重和梯度',
  "weights, gradients and {0}'s running average": '权重、梯度和 {0} 的滑动平均',
  "weights, gradients and Adam's two moment estimates": '权重、梯度和 Adam 的一阶、二阶矩估计',
  "weights, gradients and Adam's two moment estimates (Adam assumed)":
    '权重、梯度和 Adam 的一阶、二阶矩估计（按 Adam 估算）',
  ', fp32 master weights not counted': '，未计入 fp32 主权重',
  'Estimated training memory is at least {0} GiB per GPU, more than `resources.gpu_memory_gb: {1}`: {2} parameters × {3} bytes ({4}{5}) × {6} ({7}), before activations. Use a GPU with more memory, shard the model (`run.distributed: deepspeed`), or train fewer parameters (e.g. a smaller model or frozen layers).':
    '估算的训练显存至少为每块 GPU {0} GiB，超过了 `resources.gpu_memory_gb: {1}`：{2} 个参数 × {3} 字节（{4}{5}）× {6}（{7}），尚未计入激活值。请使用显存更大的 GPU、对模型分片（`run.distributed: deepspeed`），或减少要训练的参数（例如换用更小的模型或冻结部分层）。',
  '`resources.gpus: {0}` asks for {0} GPU, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower `resources.gpus`, or submit to a cluster with `run.launcher: slurm`.':
    '`resources.gpus: {0}` 请求 {0} 块 GPU，但本机没有检测到 GPU（nvidia-smi 没有找到，或被 CUDA_VISIBLE_DEVICES 隐藏）。本地运行会失败或退回使用更少的设备：请调低 `resources.gpus`，或用 `run.launcher: slurm` 提交到集群。',
  '`resources.gpus: {0}` asks for {0} GPUs, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower `resources.gpus`, or submit to a cluster with `run.launcher: slurm`.':
    '`resources.gpus: {0}` 请求 {0} 块 GPU，但本机没有检测到 GPU（nvidia-smi 没有找到，或被 CUDA_VISIBLE_DEVICES 隐藏）。本地运行会失败或退回使用更少的设备：请调低 `resources.gpus`，或用 `run.launcher: slurm` 提交到集群。',
  '`resources.gpus: {0}` asks for {0} GPUs, but only {1} GPU is detected on this machine: {2}. A local run would fail or fall back to fewer devices: lower `resources.gpus` to {1}, or submit to a cluster with `run.launcher: slurm`.':
    '`resources.gpus: {0}` 请求 {0} 块 GPU，但本机只检测到 {1} 块：{2}。本地运行会失败或退回使用更少的设备：请把 `resources.gpus` 调低到 {1}，或用 `run.launcher: slurm` 提交到集群。',
  '`resources.gpus: {0}` asks for {0} GPUs, but only {1} GPUs are detected on this machine: {2}. A local run would fail or fall back to fewer devices: lower `resources.gpus` to {1}, or submit to a cluster with `run.launcher: slurm`.':
    '`resources.gpus: {0}` 请求 {0} 块 GPU，但本机只检测到 {1} 块：{2}。本地运行会失败或退回使用更少的设备：请把 `resources.gpus` 调低到 {1}，或用 `run.launcher: slurm` 提交到集群。',
  // EXP-018
  '`run.trainer: command` needs `run.command`, the program and its arguments as a list, e.g. `[python, train.py, --config, "${config}"]`.':
    '`run.trainer: command` 需要 `run.command`，即写成列表的程序及其参数，例如 `[python, train.py, --config, "${config}"]`。',
  '`run.command` must be an argument array (no shell is involved), not one string: write `[python, train.py, --config, "${config}"]`.':
    '`run.command` 必须是参数数组（不经过 shell），而不是一个字符串：请写成 `[python, train.py, --config, "${config}"]`。',
  'Split into an argument list': '拆分为参数列表',
  'Every `run.command` argument is a string; `{0}` is not: quote it.':
    '`run.command` 的每个参数都必须是字符串；`{0}` 不是：请给它加上引号。',
  'Every `run.command` argument is a string: remove the empty item.':
    '`run.command` 的每个参数都必须是字符串：请删除这个空项。',
  'Quote `{0}`': '给 `{0}` 加引号',
  'Unknown variable `{0}`: the launcher substitutes {1}; did you mean `{2}`?':
    '未知变量 `{0}`：启动器只替换 {1}；是否想写 `{2}`？',
  'Unknown variable `{0}`: the launcher substitutes {1}.': '未知变量 `{0}`：启动器只替换 {1}。',
  'Script `{0}` is {1} ({2}), not a script file: the run would wait on it forever. Point it at the script itself.':
    '脚本 `{0}` 是{1}（{2}），不是脚本文件：运行会一直等待它。请指向脚本文件本身。',
  "Script `{0}` is not found in `run.working_dir` ({1}) or this file's folder ({2}). Fix the path, or set `run.working_dir` to the folder that holds it.":
    '在 `run.working_dir`（{1}）和本文件所在的文件夹（{2}）中都找不到脚本 `{0}`。请修正路径，或把 `run.working_dir` 设为存放该脚本的文件夹。',
  "Script `{0}` is not found in this file's folder ({1}). Fix the path, or set `run.working_dir` to the folder that holds it.":
    '在本文件所在的文件夹（{1}）中找不到脚本 `{0}`。请修正路径，或把 `run.working_dir` 设为存放该脚本的文件夹。',
  // EXP-019 – EXP-021
  '`task.type` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `classification` or `regression`, or use `run.trainer: command` with your own training script.':
    '`task.type` 为 `{0}`，但内置训练器只能用 CSV 数据训练表格型 MLP / 逻辑回归模型：请使用 `classification` 或 `regression`，或者改用 `run.trainer: command` 运行你自己的训练脚本。',
  '`task.domain` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `tabular` data, or use `run.trainer: command` with your own training script.':
    '`task.domain` 为 `{0}`，但内置训练器只能用 CSV 数据训练表格型 MLP / 逻辑回归模型：请使用 `tabular`（表格）数据，或者改用 `run.trainer: command` 运行你自己的训练脚本。',
  '`data.format` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.':
    '`data.format` 为 `{0}`，但内置训练器只能用 CSV 数据训练表格型 MLP / 逻辑回归模型：请提供 `.csv` 文件，或者改用 `run.trainer: command` 运行你自己的训练脚本。',
  '`data.train` is a `.{0}` file but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.':
    '`data.train` 是 `.{0}` 文件，但内置训练器只能用 CSV 数据训练表格型 MLP / 逻辑回归模型：请提供 `.csv` 文件，或者改用 `run.trainer: command` 运行你自己的训练脚本。',
  '`data.augmentation.applies_to` includes `{0}`: augmentation is for training data only; evaluating on augmented data gives scores that do not match real inputs.':
    '`data.augmentation.applies_to` 包含 `{0}`：数据增强只用于训练数据；在增强过的数据上评估，得到的分数与真实输入上的表现不符。',
  'Apply augmentation to `train` only': '只对 `train` 做数据增强',
  'Remove `{0}`': '删除 `{0}`',
  '`data.preprocessing` contains `{0}`, a random operation: preprocessing is also applied to validation, test and inference inputs, so move it to `data.augmentation` (training only).':
    '`data.preprocessing` 包含随机操作 `{0}`：预处理也会作用于验证集、测试集和推理输入，请把它移到 `data.augmentation`（只用于训练）。',
  '`data.sensitivity` is `{0}` but the `privacy` section is empty: say how the data is protected, e.g. `anonymization` (pseudonymised identifiers), `encryption`, `differential_privacy` or `federated`.':
    '`data.sensitivity` 为 `{0}`，但 `privacy` 部分为空：请说明数据如何保护，例如 `anonymization`（标识符假名化）、`encryption`（加密）、`differential_privacy`（差分隐私）或 `federated`（联邦学习）。',
  '`data.sensitivity` is `{0}` but there is no `privacy` section: say how the data is protected, e.g. `anonymization` (pseudonymised identifiers), `encryption`, `differential_privacy` or `federated`.':
    '`data.sensitivity` 为 `{0}`，但没有 `privacy` 部分：请说明数据如何保护，例如 `anonymization`（标识符假名化）、`encryption`（加密）、`differential_privacy`（差分隐私）或 `federated`（联邦学习）。',
  '`data.source` is `{0}` but `data.license` is not set: record the licence or data-use agreement that allows training on this data.':
    '`data.source` 为 `{0}`，但没有设置 `data.license`：请写明允许用这些数据训练的许可证或数据使用协议。',
  // EXP-022 – EXP-024
  '`export.onnx.opset: {0}` is not an opset the bundled onnxruntime {1} supports: use an integer from {2} to {3} (17 is a safe choice for PyTorch exports).':
    '`export.onnx.opset: {0}` 不是内置 onnxruntime {1} 支持的 opset：请使用 {2} 到 {3} 之间的整数（PyTorch 导出时 17 是稳妥的选择）。',
  'Change to {0}': '改为 {0}',
  '`inference.model` (`{0}`) is {1}, not a model file: Liftoff reads only regular files. Point it at an exported .onnx file.':
    '`inference.model`（`{0}`）是{1}，不是模型文件：Liftoff 只读取普通文件。请指向导出的 .onnx 文件。',
  '`inference.model` (`{0}`) cannot be read: {1}. Point it at an exported .onnx file.':
    '无法读取 `inference.model`（`{0}`）：它不是可读的 ONNX 模型（ONNX 读取器原文：{1}）。请指向导出的 .onnx 文件。',
  "`{0}` has {1} name, but output `{2}` of `{3}` has width {4} (shape [{5}]): give one label per output column, in the model's order.":
    '`{0}` 有 {1} 个名称，但 `{3}` 的输出 `{2}` 宽度为 {4}（形状 [{5}]）：请按模型输出的顺序，为每个输出列给出一个标签。',
  "`{0}` has {1} names, but output `{2}` of `{3}` has width {4} (shape [{5}]): give one label per output column, in the model's order.":
    '`{0}` 有 {1} 个名称，但 `{3}` 的输出 `{2}` 宽度为 {4}（形状 [{5}]）：请按模型输出的顺序，为每个输出列给出一个标签。',
  'Experiment `{0}` is also defined here.': '实验 `{0}` 也在这里定义。',
  'Experiment name `{0}` is also used by {1}: each experiment needs its own name, since runs, metrics and links are keyed by it.':
    '实验名称 `{0}` 也被 {1} 使用：每个实验都需要自己的名称，因为运行记录、指标和链接都以名称为键。',
  'the last successful run': '上一次成功运行的时长',
  'the median of {0} past successful runs': '过去 {0} 次成功运行时长的中位数',
  ' with {0} GPU': '（使用 {0} 块 GPU）',
  ' with {0} GPUs': '（使用 {0} 块 GPU）',
  '`resources.time_limit` is {0}, shorter than {1} of `{2}`{3} ({4}): the run would likely be stopped before it finishes. Allow some margin, e.g. "{5}".':
    '`resources.time_limit` 为 {0}，短于 `{2}`{3}{1}（{4}）：运行很可能在完成前就被终止。请留出一些余量，例如 "{5}"。',
  'Change to "{0}"': '改为 "{0}"',
  // EXP-025, EXP-026 (Slurm)
  '`{0}` (default)': '`{0}`（默认）',
  'Partition `{0}` does not exist on this Slurm cluster; sbatch would refuse the job ("invalid partition specified"). The cluster has {1}.':
    '此 Slurm 集群上没有分区 `{0}`；sbatch 会拒绝该作业（"invalid partition specified"）。集群现有的分区：{1}。',
  'Partition `{0}` is {1}: a job submitted to it would wait until an administrator brings it up. Choose another of {2}.':
    '分区 `{0}` 的状态为 {1}：提交到这里的作业会一直等待，直到管理员恢复该分区。请从 {2} 中另选一个。',
  'partition `{0}` (the default)': '分区 `{0}`（默认分区）',
  'partition `{0}`': '分区 `{0}`',
  '{0} sbatch would refuse the job, or it would wait forever.': '{0}sbatch 会拒绝该作业，否则作业会一直等待下去。',
  '`resources.gpus: {0}` asks for {0} GPUs per node, but the nodes of {1} have at most {2}.':
    '`resources.gpus: {0}` 请求每个节点 {0} 块 GPU，但{1}的节点最多只有 {2} 块。',
  '`resources.gpus: {0}` asks for {0} GPU per node, but {1} has no GPUs (no `gpu` GRES).':
    '`resources.gpus: {0}` 请求每个节点 {0} 块 GPU，但{1}没有 GPU（没有 `gpu` GRES）。',
  '`resources.gpus: {0}` asks for {0} GPUs per node, but {1} has no GPUs (no `gpu` GRES).':
    '`resources.gpus: {0}` 请求每个节点 {0} 块 GPU，但{1}没有 GPU（没有 `gpu` GRES）。',
  '`resources.nodes: {0}` is more than {1} allows for one job ({2}, its MaxNodes).':
    '`resources.nodes: {0}` 超过了{1}允许单个作业使用的节点数（{2}，即其 MaxNodes）。',
  '`resources.nodes: {0}` is more than {1} allows for one job ({2} of its {3} node).':
    '`resources.nodes: {0}` 超过了{1}允许单个作业使用的节点数（最多 {2} 个，分区共 {3} 个节点）。',
  '`resources.nodes: {0}` is more than {1} allows for one job ({2} of its {3} nodes).':
    '`resources.nodes: {0}` 超过了{1}允许单个作业使用的节点数（最多 {2} 个，分区共 {3} 个节点）。',
  '`resources.cpus: {0}` is more than a node of {1} offers ({2} CPUs).':
    '`resources.cpus: {0}` 超过了{1}单个节点提供的数量（{2} 个 CPU）。',
  '`resources.memory_gb: {0}` is more than a node of {1} offers ({2} GiB).':
    '`resources.memory_gb: {0}` 超过了{1}单个节点提供的内存（{2} GiB）。',
  '`resources.gpu_type: {0}` is used as the GRES type (`--gres=gpu:{0}:N`), but {1} offers {2}.':
    '`resources.gpu_type: {0}` 会用作 GRES 类型（`--gres=gpu:{0}:N`），但{1}只提供 {2}。',
  '`resources.time_limit` {0} is longer than the MaxTime of {1} ({2}). sbatch would refuse the job.':
    '`resources.time_limit` {0} 超过了{1}的 MaxTime（{2}）。sbatch 会拒绝该作业。',
  // PLAN-001, PLAN-002 and the lists the plan rules write
  '{0} and {1}': '{0} 和 {1}',
  '{0} or {1}': '{0} 或 {1}',
  '`{0}` (product)': '`{0}`（产品）',
  '`{0}` (operations)': '`{0}`（运营）',
  'The plan has no {0} sections: reviewers expect the six core sections overview, market, business_model (product), team (operations), financials and risks.':
    '计划书缺少 {0} 部分：评审者期望看到六个核心部分：overview、market、business_model（产品）、team（运营）、financials 和 risks。',
  'The plan has no {0} section: reviewers expect the six core sections overview, market, business_model (product), team (operations), financials and risks.':
    '计划书缺少 {0} 部分：评审者期望看到六个核心部分：overview、market、business_model（产品）、team（运营）、financials 和 risks。',
  'Add the missing sections {0}': '添加缺少的部分：{0}',
  'Add the missing section {0}': '添加缺少的部分：{0}',
  'The `{0}` section is empty: it is one of the six core sections a reviewer reads; fill it in.':
    '`{0}` 部分为空：它是评审者会阅读的六个核心部分之一，请补充内容。',
  '`metadata.currency` is `{0}`: write the ISO 4217 code in capitals, e.g. CNY, USD or EUR.':
    '`metadata.currency` 为 `{0}`：请用大写字母写 ISO 4217 币种代码，例如 CNY、USD 或 EUR。',
  "the plan's currency (`metadata.currency`) is {0}": '计划书的币种（`metadata.currency`）是 {0}',
  'The plan has money amounts but no `metadata.currency`: name the one currency they are in (ISO 4217, e.g. `currency: CNY`).':
    '计划书中有金额，但没有 `metadata.currency`：请写明这些金额所用的币种（ISO 4217，例如 `currency: CNY`）。',
  '`{0}` is not a money amount: {1}.': '`{0}` 不是金额：{1}。',
  "`{0}` is {1}: amounts must be ≥ 0 (only a period's profit may be negative).":
    '`{0}` 为 {1}：金额必须 ≥ 0（只有某一期间的利润可以为负）。',
  '`{0}` is in {1}': '`{0}` 的币种是 {1}',
  '`{0}` ({1}) is in {2}, but {3}: a plan uses one currency, so convert the amount.':
    '`{0}`（{1}）的币种是 {2}，但{3}：一份计划书只用一种币种，请换算该金额。',
  'no currency': '未注明币种',
  'dollars (USD or another dollar currency)': '美元类币种（USD 或港元、新加坡元等其他“元”（dollar）币种）',
  // PLAN-003 – PLAN-005
  '`market.size.{0}` has no `source` and no `year`: a market figure needs the year it is for and where it comes from, e.g. `{value: "¥1.2bn", year: 2026, source: "…"}`.':
    '`market.size.{0}` 没有 `source` 也没有 `year`：市场规模数据需要注明所属年份和数据来源，例如 `{value: "¥1.2bn", year: 2026, source: "…"}`。',
  '`market.size.{0}` has no {1}: a market figure needs the year it is for and where it comes from, e.g. `{value: "¥1.2bn", year: 2026, source: "…"}`.':
    '`market.size.{0}` 没有 {1}：市场规模数据需要注明所属年份和数据来源，例如 `{value: "¥1.2bn", year: 2026, source: "…"}`。',
  ' for {0}': '（{0} 年）',
  'SOM ({0}) is larger than {1} ({2}){3}: SOM is the part of SAM you can realistically win, so SOM ≤ SAM ≤ TAM.':
    'SOM（{0}）大于 {1}（{2}）{3}：SOM（可获得市场）是 SAM 中你实际能赢得的部分，因此应满足 SOM ≤ SAM ≤ TAM。',
  'SAM ({0}) is larger than {1} ({2}){3}: SAM is the part of TAM your product and channels can reach, so SOM ≤ SAM ≤ TAM.':
    'SAM（{0}）大于 {1}（{2}）{3}：SAM（可服务市场）是 TAM 中你的产品和渠道能覆盖的部分，因此应满足 SOM ≤ SAM ≤ TAM。',
  ' ({0} revenue stream items have no `{1}`)': '（有 {0} 个收入来源条目没有 `{1}`）',
  ' ({0} revenue stream item has no `{1}`)': '（有 {0} 个收入来源条目没有 `{1}`）',
  ' ({0} use of funds items have no `{1}`)': '（有 {0} 个资金用途条目没有 `{1}`）',
  ' ({0} use of funds item has no `{1}`)': '（有 {0} 个资金用途条目没有 `{1}`）',
  '`{0}` adds up to {1} %, not 100 %: {2}{3}. Scale the shares so they add up to 100.':
    '`{0}` 合计为 {1} %，不是 100 %：{2}{3}。请按比例调整各项占比，使合计为 100。',
  'Scale {0} to 100 %: {1}': '将 {0} 按比例调整为 100 %：{1}',
  'Period {0}: profit is {1} but revenue {2} − costs {3} ({4}) = {5}.':
    '期间 {0}：利润为 {1}，但收入 {2} − 成本 {3}（{4}）= {5}。',
  'Recompute profit: {0}': '重新计算利润：{0}',
  '`{0}` is not a period: write a year (2026), a quarter (2026-Q1) or a month (2026-03).':
    '`{0}` 不是有效的期间：请写年份（2026）、季度（2026-Q1）或月份（2026-03）。',
  'Period {0} follows {1}: {2} is missing. Periods should be contiguous so that totals, runway and break-even are right.':
    '期间 {0} 紧接在 {1} 之后：中间缺少 {2}。各期间应当连续，合计、资金跑道和盈亏平衡点才能算对。',
  'Period {0} overlaps {1}. Periods should be contiguous so that totals, runway and break-even are right.':
    '期间 {0} 与 {1} 重叠。各期间应当连续，合计、资金跑道和盈亏平衡点才能算对。',
  'Period {0} comes after {1}: list the periods in time order. Periods should be contiguous so that totals, runway and break-even are right.':
    '期间 {0} 排在 {1} 之后：请按时间顺序列出各期间。各期间应当连续，合计、资金跑道和盈亏平衡点才能算对。',
  // PLAN-006 – PLAN-009
  'With the ranges written for cash and burn, 1 run in 10 of {0} runs out of cash by {1} (P10 runway {2} months), before the next planned round{3} ({4}); the midpoints (P50, {5} months) reach it. Narrow the ranges, raise more cash or plan the round earlier.':
    '按现金和资金消耗所写的区间模拟 {0} 次，每 10 次中有 1 次在 {1} 前耗尽资金（P10 资金跑道 {2} 个月），早于下一轮计划融资{3}（{4}）；按中值（P50，{5} 个月）则能撑到那时。请收窄区间、筹集更多资金或提前安排这轮融资。',
  'Runway is {0} month (cash_on_hand {1} ÷ monthly_burn {2}): from the plan date {3} the cash runs out around {4}, before the next planned round{5} ({6}). Raise more cash, cut the burn or plan the round earlier.':
    '资金跑道为 {0} 个月（cash_on_hand {1} ÷ monthly_burn {2}）：从计划日期 {3} 起，资金约在 {4} 耗尽，早于下一轮计划融资{5}（{6}）。请筹集更多资金、降低资金消耗或提前安排这轮融资。',
  'Runway is {0} months (cash_on_hand {1} ÷ monthly_burn {2}): from the plan date {3} the cash runs out around {4}, before the next planned round{5} ({6}). Raise more cash, cut the burn or plan the round earlier.':
    '资金跑道为 {0} 个月（cash_on_hand {1} ÷ monthly_burn {2}）：从计划日期 {3} 起，资金约在 {4} 耗尽，早于下一轮计划融资{5}（{6}）。请筹集更多资金、降低资金消耗或提前安排这轮融资。',
  'Revenue in {0} ({1}{2}) exceeds the SOM ({3}{4}): a plan cannot earn more than the market it can obtain; check the projection or the SOM.':
    '{0} 年的收入（{1}{2}）超过了 SOM（{3}{4}）：计划的收入不可能超过它能获得的市场；请检查收入预测或 SOM。',
  ', {0} periods summed': '，{0} 个期间合计',
  ', {0}': '，{0}',
  'team member': '团队成员',
  KPI: 'KPI',
  milestone: '里程碑',
  risk: '风险',
  'contingency plan': '应急预案',
  'the plan lists no team members': '计划书中没有列出团队成员',
  'the plan lists no KPIs': '计划书中没有列出 KPI',
  'the plan lists no milestones': '计划书中没有列出里程碑',
  'the plan lists no risks': '计划书中没有列出风险',
  'the plan lists no contingency plans': '计划书中没有列出应急预案',
  'Id `{0}` is already used by the {1} on line {2}: ids must be unique in the plan, because owners, dependencies and KPI links refer to them.':
    'id `{0}` 已被第 {2} 行的{1}使用：计划书中的 id 必须唯一，因为负责人、依赖关系和 KPI 链接都要引用它们。',
  'known ids: {0}': '已知的 id：{0}',
  '`{0}: {1}` does not name a {2} ({3}).': '`{0}: {1}` 没有指向任何{2}（{3}）。',
  'Milestone `{0}` is due {1}, before it starts ({2}): `start` must not be after `due`.':
    '里程碑 `{0}` 的截止日期 {1} 早于开始日期（{2}）：`start` 不能晚于 `due`。',
  'Milestone `{0}` starts {1}, before its dependency `{2}` is due ({3}): start it after the dependency or drop the dependency.':
    '里程碑 `{0}` 于 {1} 开始，早于其依赖 `{2}` 的截止日期（{3}）：请在依赖完成之后再开始，或去掉这项依赖。',
  'Milestones depend on each other in a cycle: {0}. Remove one of these dependencies.':
    '里程碑之间存在循环依赖：{0}。请删除其中一项依赖。',
  // PLAN-010 – PLAN-020
  'suggested for a {0} risk: adapt to your plan': '针对 {0} 类风险的建议措施：请按你的计划修改',
  'suggested for a generic risk: adapt to your plan': '通用的建议措施：请按你的计划修改',
  'Add a mitigation stub ({0})': '添加缓解措施草稿（{0}）',
  'High risk `{0}` (likelihood {1} × impact {2} = {3}, high from {4})':
    '高风险 `{0}`（可能性 {1} × 影响 {2} = {3}，达到 {4} 即为高风险）',
  '{0} has no mitigation: say how you reduce it, e.g. {1}.': '{0}没有缓解措施：请说明如何降低该风险，例如{1}。',
  '{0} has no mitigation: say how you reduce it.': '{0}没有缓解措施：请说明如何降低该风险。',
  '{0} has no owner: name the team member (an id from `team.members`) who watches it and acts on it.':
    '{0}没有负责人：请指定负责监控并应对该风险的团队成员（`team.members` 中的 id）。',
  'Risk `{0}` is transferred (`response: transfer`) but its mitigation names no instrument that carries it: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.':
    '风险 `{0}` 的应对方式是转移（`response: transfer`），但缓解措施中没有写明承接风险的工具：请写明接手该风险的保险、合同、外包协议、担保或贷款安排。',
  'Risk `{0}` is transferred (`response: transfer`) but its mitigation is missing: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.':
    '风险 `{0}` 的应对方式是转移（`response: transfer`），但缺少缓解措施：请写明接手该风险的保险、合同、外包协议、担保或贷款安排。',
  'Risk `{0}` is accepted (`response: accept`) but has no `contingency`: link the contingency plan (an id from `contingency_plans`) to follow if it happens.':
    '风险 `{0}` 的应对方式是接受（`response: accept`），但没有 `contingency`：请关联风险发生时要执行的应急预案（`contingency_plans` 中的 id）。',
  'Risk `{0}` is mitigated (`response: mitigate`) but has no `mitigation`: list the actions that reduce it.':
    '风险 `{0}` 的应对方式是缓解（`response: mitigate`），但没有 `mitigation`：请列出降低该风险的行动。',
  'patient data and medical-device regulation': '涉及患者数据和医疗器械监管',
  'financial data and financial regulation': '涉及金融数据和金融监管',
  'No {0} risk: every plan needs at least one technical, market and financial risk':
    '没有 {0} 类风险：每份计划书都至少需要一项技术风险、市场风险和财务风险',
  'and `metadata.sector` is {0}, so {1} risks are expected too ({2})':
    '而且 `metadata.sector` 为 {0}，因此还应有 {1} 类风险（{2}）',
  'and `metadata.sector` is {0}, so a {1} risk is expected too ({2})':
    '而且 `metadata.sector` 为 {0}，因此还应有 {1} 类风险（{2}）',
  '`metadata.sector` is {0}, so {1} risks are expected too ({2})':
    '`metadata.sector` 为 {0}，因此还应有 {1} 类风险（{2}）',
  '`metadata.sector` is {0}, so a {1} risk is expected too ({2})':
    '`metadata.sector` 为 {0}，因此还应有 {1} 类风险（{2}）',
  '; ': '；',
  '{0}.': '{0}。',
  'The team lists no members: add the people (or open positions) who will build and sell the product, with their roles and responsibilities.':
    '团队没有列出成员：请添加将开发和销售产品的人员（或空缺职位），并写明其角色和职责。',
  'The team has no product or project lead (`role: product_manager` or `project_manager`): someone must own the roadmap and delivery.':
    '团队没有产品或项目负责人（`role: product_manager` 或 `project_manager`）：需要有人负责产品路线图和交付。',
  'The team has no ML role (`role: data_scientist`, `ml_engineer` or `algorithm_engineer`): an AI product needs someone who builds and evaluates the models — add one, or a planned hire.':
    '团队没有机器学习岗位（`role: data_scientist`、`ml_engineer` 或 `algorithm_engineer`）：AI 产品需要有人构建和评估模型——请添加一名成员，或列入招聘计划。',
  'Team member `{0}` has no responsibilities: list at least one thing they own (e.g. "training pipeline", "hospital partnerships").':
    '团队成员 `{0}` 没有职责：请至少列出一项由其负责的工作（例如“训练流水线”“医院合作”）。',
  'KPI `{0}` is a percentage (`unit: pct`) but its baseline is {1}: use a value from 0 to 100.':
    'KPI `{0}` 是百分比（`unit: pct`），但其基线值为 {1}：请使用 0 到 100 之间的值。',
  'KPI `{0}` is a percentage (`unit: pct`) but its target is {1}: use a value from 0 to 100.':
    'KPI `{0}` 是百分比（`unit: pct`），但其目标值为 {1}：请使用 0 到 100 之间的值。',
  'KPI `{0}` should increase but its target {1} is equal to its baseline {2}: fix the target, the baseline or the direction.':
    'KPI `{0}` 应当上升，但其目标值 {1} 等于基线值 {2}：请修正目标值、基线值或方向。',
  'KPI `{0}` should increase but its target {1} is below its baseline {2}: fix the target, the baseline or the direction.':
    'KPI `{0}` 应当上升，但其目标值 {1} 低于基线值 {2}：请修正目标值、基线值或方向。',
  'KPI `{0}` should decrease but its target {1} is equal to its baseline {2}: fix the target, the baseline or the direction.':
    'KPI `{0}` 应当下降，但其目标值 {1} 等于基线值 {2}：请修正目标值、基线值或方向。',
  'KPI `{0}` should decrease but its target {1} is above its baseline {2}: fix the target, the baseline or the direction.':
    'KPI `{0}` 应当下降，但其目标值 {1} 高于基线值 {2}：请修正目标值、基线值或方向。',
  'Change direction to {0}': '将方向改为 {0}',
  'Round `{0}` ({1}) is listed after `{2}` ({3}): list the rounds in date order.':
    '融资轮次 `{0}`（{1}）列在 `{2}`（{3}）之后：请按日期顺序列出各轮融资。',
  "Round `{0}` raises 0: a round's amount must be positive (remove the round or write the target amount).":
    '融资轮次 `{0}` 的金额为 0：每轮融资的金额必须为正（请删除该轮，或写明目标金额）。',
  'Only one financing channel ({0}): relying on a single source is a financing risk; consider others (angel, venture_capital, government_grant, bank_loan, strategic…).':
    '只有一个融资渠道（{0}）：依赖单一资金来源本身就是融资风险；请考虑其他渠道（angel、venture_capital、government_grant、bank_loan、strategic…）。',
  '`selection.technical_feasibility` scores {0} (≤ 2) but no risk has `category: technical`: add the technical risk that makes feasibility doubtful, with its mitigation.':
    '`selection.technical_feasibility` 评分为 {0}（≤ 2），但没有任何风险的 `category: technical`：请添加让技术可行性存疑的那项技术风险及其缓解措施。',
  'Milestone `{0}` was due {1}, before the plan date {2}, and is not done (status: {3}): update its status or move its due date.':
    '里程碑 `{0}` 的截止日期为 {1}，早于计划日期 {2}，但尚未完成（status: {3}）：请更新其状态或推迟截止日期。',
  'Milestone `{0}` was due {1}, before the plan date {2}, and is not done (no status): update its status or move its due date.':
    '里程碑 `{0}` 的截止日期为 {1}，早于计划日期 {2}，但尚未完成（没有 status）：请更新其状态或推迟截止日期。',
  'Scenario `{0}`: {1}.': '情景 `{0}`：{1}。',
  'Scenario `{0}` breaks {1}: {2}': '情景 `{0}` 违反了 {1}：{2}',
  '{0} is not a regular file, so its review comments are not read.': '{0} 不是普通文件，因此不读取其中的评审意见。',
  '{0} is {1} KB, over the {2} KB limit for review comments: it is not read. Delete resolved threads (they stay in git history).':
    '{0} 大小为 {1} KB，超过了评审意见文件 {2} KB 的上限：不会读取它。请删除已解决的讨论（它们仍保留在 git 历史中）。',
  '{0} ({1}): {2} Until it is fixed, Liftoff does not change the file.':
    '{0}（{1}）：{2} 修正之前，Liftoff 不会修改该文件。',
  '{0}: {1} Until it is fixed, Liftoff does not change the file.': '{0}：{1} 修正之前，Liftoff 不会修改该文件。',
  '… and {0} more open review threads in {1}.': '……{1} 中另有 {0} 个未解决的评审讨论。',
  'on `{0}`': '位于 `{0}`',
  'on `{0}`, which is no longer in the plan (it read "{1}")': '位于 `{0}`（计划书中已没有该处，原文为 "{1}"）',
  'on `{0}`, which is no longer in the plan': '位于 `{0}`（计划书中已没有该处）',
  ' ({0} reply)': '（{0} 条回复）',
  ' ({0} replies)': '（{0} 条回复）',
  someone: '某人',
  'Open review thread {0} — {1}: "{2}"{3}. Reply or resolve it in the editor\'s comments, or in {4}.':
    '未解决的评审讨论，{0} — {1}："{2}"{3}。请在编辑器的评论中或在 {4} 中回复或解决它。',
  '`{0}` {1} GPU-h in {2} run': '`{0}` {1} GPU 小时（{2} 次运行）',
  '`{0}` {1} GPU-h in {2} runs': '`{0}` {1} GPU 小时（{2} 次运行）',
  ' At this rate the budget runs out on {0}, before the period ends.': '按此速度，预算将在 {0} 用完，早于该期间结束。',
  "Compute spend is ahead of the plan: the linked experiments' runs since {0} used {1} = {2} GPU-h × {3} per GPU-hour (`liftoff.gpuHourPrice`) = {4}, more than the {5} the {6} compute budget of {7} allows {8} % into the period.{9} Raise the budget, or plan fewer or shorter runs.":
    '算力支出超出了计划进度：自 {0} 起，关联实验的运行共用了 {1} = {2} GPU 小时 × 每 GPU 小时 {3}（`liftoff.gpuHourPrice`）= {4}，超过了 {6} 期间算力预算 {7} 在该期间过去 {8} % 时允许的 {5}。{9}请提高预算，或减少、缩短运行。',
  // XDOC-001 – XDOC-004
  '`{0}` of milestone `{1}`': '里程碑 `{1}` 的 `{0}`',
  '`{0}` of KPI `{1}`': 'KPI `{1}` 的 `{0}`',
  'an Experiment': 'Experiment',
  'a BusinessPlan': 'BusinessPlan',
  ' and ': ' 和 ',
  '{0} links `{1}`, which {2}.{3}': '{0} 链接的 `{1}` {2}。{3}',
  ' Did you mean `{0}`?': '是否想写 `{0}`？',
  " Links are relative to this file's folder.": '链接路径相对于本文件所在的文件夹。',
  'does not exist (looked for {0})': '不存在（查找的路径：{0}）',
  'is a folder, not {0} document': '是文件夹，不是 {0} 文档',
  'cannot be read ({0})': '无法读取（{0}）',
  'is {0}, not {1} document: Liftoff reads only regular files': '是{0}，不是 {1} 文档：Liftoff 只读取普通文件',
  'is not a Liftoff document (it has no `kind: {0}`): link {1} document':
    '不是 Liftoff 文档（没有 `kind: {0}`）：请链接 {1} 文档',
  'is {0}, not {1}: link {1} document (`kind: {2}`)': '是 {0} 文档，不是 {1} 文档：请链接 {1} 文档（`kind: {2}`）',
  'its `evaluation.metrics` are {0}': '它的 `evaluation.metrics` 为 {0}',
  'it has no `evaluation.metrics`': '它没有 `evaluation.metrics`',
  'it tracks {0}': '它记录的指标为 {0}',
  'KPI `{0}` is measured by `{1}`, which `{2}` does not compute: {3}.{4}':
    'KPI `{0}` 用 `{1}` 衡量，但 `{2}` 不计算这个指标：{3}。{4}',
  ' `{0}` is called `{1}` there.': '`{0}` 在那里叫作 `{1}`。',
  " Add `{0}` to the experiment's `evaluation.metrics` or measure the KPI with one of its metrics.":
    '请把 `{0}` 加入该实验的 `evaluation.metrics`，或改用该实验已有的指标来衡量这个 KPI。',
  '{0}% ({1} as a fraction)': '{0}%（即小数 {1}）',
  "KPI `{0}` targets {1} for `{2}`, below the minimum {3} that `{4}` accepts (`evaluation.thresholds.{5}.min`): the plan and the experiment disagree on the bar. Align the KPI target (e.g. {6}) or the experiment's threshold.":
    'KPI `{0}` 为 `{2}` 设定的目标是 {1}，低于 `{4}` 可接受的最小值 {3}（`evaluation.thresholds.{5}.min`）：计划书和实验对达标线的要求不一致。请调整 KPI 目标（例如 {6}）或实验的阈值。',
  "KPI `{0}` targets {1} for `{2}`, above the maximum {3} that `{4}` accepts (`evaluation.thresholds.{5}.max`): the plan and the experiment disagree on the bar. Align the KPI target (e.g. {6}) or the experiment's threshold.":
    'KPI `{0}` 为 `{2}` 设定的目标是 {1}，高于 `{4}` 可接受的最大值 {3}（`evaluation.thresholds.{5}.max`）：计划书和实验对达标线的要求不一致。请调整 KPI 目标（例如 {6}）或实验的阈值。',
  'Change the target to {0}': '将目标改为 {0}',
  'Sensitive training data exposed or misused': '训练数据中的敏感信息泄露或被滥用',
  '`{0}` trains on {1} data': '`{0}` 使用{1}数据训练',
  '`{0}` on {1} data': '`{0}` 使用{1}数据',
  personal: '个人',
  health: '健康',
  financial: '金融',
  '{0} (`data.sensitivity`)': '{0}（`data.sensitivity`）',
  '{0}, but the plan has no risks: add a `risks` section with a `category: data` risk (privacy, security, access) and its mitigation.':
    '{0}，但计划书没有列出风险：请添加 `risks` 部分，其中包含一项 `category: data` 的风险（隐私、安全、访问控制）及其缓解措施。',
  'Add a data risk with a mitigation stub': '添加一项带缓解措施草稿的数据风险',
  '{0}, but none of its data risks ({1}) has a mitigation: say how the data is protected (e.g. {2}).':
    '{0}，但计划书的数据风险（{1}）都没有缓解措施：请说明数据如何保护（例如{2}）。',
  '{0}, but data risk `{1}` has no mitigation: say how the data is protected (e.g. {2}).':
    '{0}，但数据风险 `{1}` 没有缓解措施：请说明数据如何保护（例如{2}）。',
  '{0}, but no risk has `category: data`: add a data risk (privacy, security, access) with its mitigation.':
    '{0}，但没有任何风险的 `category: data`：请添加一项数据风险（隐私、安全、访问控制）及其缓解措施。',
  'CPU only': '仅用 CPU',
  '{0} GPU': '{0} 块 GPU',
  '{0} GPUs': '{0} 块 GPU',
  ' × {0} nodes': ' × {0} 个节点',
  'median of {0} succeeded run {1} h × {2}': '{0} 次成功运行的时长中位数 {1} h × {2}',
  'median of {0} succeeded runs {1} h × {2}': '{0} 次成功运行的时长中位数 {1} h × {2}',
  'estimate from time_limit {0} = {1} h × {2}': '按 time_limit {0} 估算：{1} h × {2}',
  '`{0}` {1} GPU-h ({2})': '`{0}` {1} GPU 小时（{2}）',
  ' = {0} GPU-h': ' = {0} GPU 小时',
  ' Not counted: {0} (no past runs and no `resources.time_limit`).':
    '未计入：{0}（既没有历史运行，也没有 `resources.time_limit`）。',
  'One run of each linked experiment is estimated to cost {0}, more than the compute budget {1} ({2}): {3}{4} × {5} per GPU-hour (`liftoff.gpuHourPrice`) = {0}.{6} Raise the compute budget, or plan fewer or shorter runs.':
    '每个关联实验各运行一次，预计花费 {0}，超过了算力预算 {1}（{2}）：{3}{4} × 每 GPU 小时 {5}（`liftoff.gpuHourPrice`）= {0}。{6}请提高算力预算，或减少、缩短运行。',
  '{0}% compute in `financing.use_of_funds` × the next round{1} of {2}':
    '`financing.use_of_funds` 中算力占比 {0}% × 下一轮融资{1}的金额 {2}',
  // validate.ts and rule-runner.ts
  'This file is {0} KB, over the {1} KB validation limit, so Liftoff does not check it. {2}':
    '此文件大小为 {0} KB，超过了 {1} KB 的校验上限，因此 Liftoff 不检查它。{2}',
  'Raise "liftoff.validation.maxFileSizeKB" to validate it anyway.':
    '如仍要校验，请调高 "liftoff.validation.maxFileSizeKB"。',
  'This file contains NUL bytes: it looks binary, not YAML. Liftoff documents are UTF-8 text.':
    '此文件包含 NUL 字节：它看起来是二进制文件，而不是 YAML。Liftoff 文档是 UTF-8 文本。',
  'This file nests more than {0} levels deep, so Liftoff does not parse it (deeper YAML exhausts the parser). Liftoff documents need a few levels: flatten the nesting.':
    '此文件的嵌套超过 {0} 层，因此 Liftoff 不解析它（更深的 YAML 会耗尽解析器的资源）。Liftoff 文档只需要几层嵌套：请减少嵌套层级。',
  '`{0}` is read as `{1}` ({2}): `{3}` names it `{1}`.': '`{0}` 按 `{1}` 读取（{2}）：`{3}` 中它的规范写法是 `{1}`。',
  '`{0}` is read as `{1}`: `{2}` names it `{1}`.': '`{0}` 按 `{1}` 读取：`{2}` 中它的规范写法是 `{1}`。',
  ' YAML indents with spaces only: replace the tab.': 'YAML 只能用空格缩进：请把制表符换成空格。',
  ' Each key may appear once per mapping: remove or rename one.':
    '同一个映射中每个键只能出现一次：请删除或重命名其中一个。',
  '{0} (YAML parser: {1}).{2}': '{0}（YAML 解析器原文：{1}）。{2}',
  'Bad indentation': '缩进不正确',
  'A tab is used for indentation': '使用了制表符缩进',
  'Duplicate key': '键重复',
  'A closing quote or bracket is missing': '缺少闭合的引号或括号',
  'Unexpected text': '出现了意外的内容',
  'A key must fit on one line': '键必须写在一行内',
  'Invalid escape sequence in a double-quoted string': '双引号字符串中的转义序列无效',
  'Invalid alias': '别名无效',
  'Several documents where one is expected': '此处只应有一个文档，却有多个',
  'YAML syntax error': 'YAML 语法错误',
  "Liftoff's rule {0} failed on this document ({1}), so its check was skipped; the other checks ran. This is a bug in Liftoff: please report it with the document (or a copy that still shows the problem).":
    'Liftoff 的规则 {0} 在此文档上出错（{1}），因此跳过了这项检查；其他检查照常运行。这是 Liftoff 的缺陷：请附上此文档（或仍能重现问题的副本）报告给我们。',
  ' while {0}': '（当时正在{0}）',
  "Liftoff's rule {0} did not finish within the validation deadline{1}, so its check was skipped; the other checks ran. A path that names a pipe, a device or a slow network mount does this: point it at a regular file.":
    'Liftoff 的规则 {0} 未能在校验时限内完成{1}，因此跳过了这项检查；其他检查照常运行。路径指向管道、设备或很慢的网络挂载点时会出现这种情况：请指向普通文件。',
  'the first phase: user and market research, requirements and feasibility': '第一阶段：用户与市场调研、需求和可行性',
  'building and training the model': '构建和训练模型',
  'a pilot is a first deployment with a few customers, before launch': '试点是在正式发布之前，面向少数客户的首次部署',
  'testing the model against its targets': '对照目标测试模型',
  'validating the model against its targets': '对照目标验证模型',
  'the project start: requirements and feasibility': '项目启动：需求和可行性',
  'the first phase: requirements and feasibility': '第一阶段：需求和可行性',
  // Phrases of core/src/plan (money parser, scenario paths) and the alias limit
  'This document cannot be expanded: {0}. Liftoff stops at {1} alias expansions to protect the editor from "billion laughs" documents.':
    '无法展开此文档：别名展开次数过多（YAML 解析器原文：{0}）。Liftoff 最多展开 {1} 次别名，以防 "billion laughs" 这类文档拖垮编辑器。',
  'in the range "{0}": {1}': '区间 "{0}" 中：{1}',
  '"{0}" has more than two bounds': '"{0}" 有两个以上的端点',
  '"{0}" names two different currencies': '"{0}" 写了两种不同的币种',
  '"{0}": the low end is above the high end (write the smaller amount first)':
    '"{0}"：下限高于上限（请先写较小的金额）',
  '{0} is not a finite amount': '{0} 不是有限的金额',
  'expected a number or a money string such as "¥2.5M", found {0}': '应为数字或 "¥2.5M" 这样的金额字符串，实际为{0}',
  '{0} {1}': '{0} 类型的值 {1}',
  'the amount is empty': '金额为空',
  '"{0}" is not an amount: write a number with an optional currency and suffix, e.g. "¥2.5M", "1.2e6 CNY", "300k" or "250万元"':
    '"{0}" 不是金额：请写一个数字，可带币种和数量后缀，例如 "¥2.5M"、"1.2e6 CNY"、"300k" 或 "250万元"',
  '"{0}" has two minus signs': '"{0}" 有两个负号',
  '"{0}": "{1}" is not a known suffix or currency (suffixes: k, M, bn, million, 万, 亿; currencies: an ISO code such as CNY, or ¥ $ € £ 元)':
    '"{0}"："{1}" 不是已知的后缀或币种（后缀：k、M、bn、million、万、亿；币种：CNY 这样的 ISO 代码，或 ¥ $ € £ 元）',
  '"{0}": "{1}" is not an ISO 4217 currency code (write it in capitals, e.g. CNY)':
    '"{0}"："{1}" 不是 ISO 4217 币种代码（请用大写字母，例如 CNY）',
  '"{0}" is too large': '"{0}" 太大',
  '`{0}` is not a path: write keys joined by dots and list items by [index], e.g. financials.monthly_burn or financials.periods[1].revenue':
    '`{0}` 不是有效的路径：键之间用点连接，列表项用 [序号]，例如 financials.monthly_burn 或 financials.periods[1].revenue',
  'a scenario cannot change the scenarios': '情景不能修改 scenarios 本身',
  '`{0}`: {1} has no item [{2}]': '`{0}`：{1} 没有第 [{2}] 项',
  '`{0}`: {1} is not a mapping': '`{0}`：{1} 不是映射',
  '`{0}`: the plan has no `{1}` to change': '`{0}`：计划书中没有可修改的 `{1}`',
  'smooth L1 is the Huber loss with delta 1': 'smooth L1 即 delta 为 1 的 Huber 损失',
  // CLI (cli/src, core/src/workspace): usage errors, the workspace line, validate's lines
  'Usage: ': '用法：',
  "unknown option '--{0}'": "未知选项 '--{0}'",
  "unknown option '{0}' (did you mean '-{1} {2}'?)": "未知选项 '{0}'（是否想写 '-{1} {2}'？）",
  "unknown option '{0}'": "未知选项 '{0}'",
  "option '--{0}' takes no value": "选项 '--{0}' 不接受值",
  "option '--{0}' needs a value": "选项 '--{0}' 需要一个值",
  "option '--{0}' must be one of {1}, not '{2}'": "选项 '--{0}' 必须是 {1} 之一，而不是 '{2}'",
  "no file matches '{0}'": "没有文件匹配 '{0}'",
  "'{0}' does not exist": "'{0}' 不存在",
  "option '--max-file-size' takes kilobytes (e.g. 4096, or 8MB) up to 1 GB, not '{0}'":
    "选项 '--max-file-size' 以 KB 为单位（例如 4096，或 8MB），最大 1 GB，而不是 '{0}'",
  "option '--jobs' must be a whole number from 1 to 64, not '{0}'":
    "选项 '--jobs' 必须是 1 到 64 之间的整数，而不是 '{0}'",
  'give at least one file, folder or glob': '请至少给出一个文件、文件夹或 glob 模式',
  'cannot read {0}: {1}': '无法读取 {0}：{1}',
  'unknown error': '未知错误',
  'cannot write {0}: {1}': '无法写入 {0}：{1}',
  '{0}; SARIF written to {1}.': '{0}；SARIF 报告已写入 {1}。',
  '{0}; JSON written to {1}.': '{0}；JSON 报告已写入 {1}。',
  '{0}; report written to {1}.': '{0}；报告已写入 {1}。',
  "'{0}' is not a YAML file: Liftoff documents are *.experiment.yaml, *.plan.yaml or YAML files with `kind: Experiment` or `kind: BusinessPlan`":
    "'{0}' 不是 YAML 文件：Liftoff 文档是 *.experiment.yaml、*.plan.yaml，或带有 `kind: Experiment` 或 `kind: BusinessPlan` 的 YAML 文件",
  "'{0}' is not a Liftoff document (no `apiVersion: liftoff/v1`, `kind: Experiment` or `kind: BusinessPlan`, and not named *.experiment.yaml or *.plan.yaml)":
    "'{0}' 不是 Liftoff 文档（没有 `apiVersion: liftoff/v1`、`kind: Experiment` 或 `kind: BusinessPlan`，文件名也不是 *.experiment.yaml 或 *.plan.yaml）",
  "folder '{0}'": "文件夹 '{0}'",
  '{0} holds no YAML files': '{0} 中没有 YAML 文件',
  "{0} matches {1} YAML file, all left out by the workspace's .liftoffignore":
    '{0} 匹配 {1} 个 YAML 文件，但都被工作区的 .liftoffignore 排除了',
  "{0} matches {1} YAML files, all left out by the workspace's .liftoffignore":
    '{0} 匹配 {1} 个 YAML 文件，但都被工作区的 .liftoffignore 排除了',
  '{0} matches no YAML file': '{0} 没有匹配到 YAML 文件',
  ' (no `kind: Experiment` or `kind: BusinessPlan`)': '（没有 `kind: Experiment` 或 `kind: BusinessPlan`）',
  '{0} holds {1} YAML file, none of them a Liftoff document{2}': '{0} 中有 {1} 个 YAML 文件，但都不是 Liftoff 文档{2}',
  '{0} holds {1} YAML files, none of them a Liftoff document{2}': '{0} 中有 {1} 个 YAML 文件，但都不是 Liftoff 文档{2}',
  'from --workspace': '由 --workspace 指定',
  'the current folder: no folder above holds .liftoff/, .git or .hg':
    '当前文件夹：上层文件夹中都没有 .liftoff/、.git 或 .hg',
  'the nearest folder with {0}': '最近的含有 {0} 的文件夹',
  'workspace {0} ({1})': '工作区 {0}（{1}）',
  "option '--lang' must be en or zh-cn, not '{0}'": "选项 '--lang' 必须是 en 或 zh-cn，而不是 '{0}'",
  "option '--lang' needs a value: en or zh-cn": "选项 '--lang' 需要一个值：en 或 zh-cn",
  "unknown command '{0}'. Run 'liftoff --help' for the list of commands.":
    "未知命令 '{0}'。运行 'liftoff --help' 查看命令列表。",
  // Hover
  'Measured on the training split.': '在训练集上测量。',
  'Measured on the test split.': '在测试集上测量。',
  'Measured on the validation split.': '在验证集上测量。',
  // LIFTOFF-TIMEOUT: what a rule was waiting for
  'checking {0}': '检查 {0}',
  'reading {0}': '读取 {0}',
  'listing {0}': '列出 {0}',
  'indexing the workspace': '为工作区建立索引',
  'probing the GPUs': '探测 GPU',
  'asking Slurm for partitions': '向 Slurm 查询分区',
  // CLI: the commands' own usage errors
  'give a model and an input file (or image files)': '请给出一个模型和一个输入文件（或若干图片文件）',
  '--out scores a CSV or JSON-lines file; image predictions go to stdout':
    '--out 只用于对 CSV 或 JSON-lines 文件打分；图片的预测结果输出到 stdout',
  "--top-k needs a whole number ≥ 1, not '{0}'": "--top-k 需要 ≥ 1 的整数，而不是 '{0}'",
  '--out writes CSV; --format json is for stdout': '--out 写出 CSV；--format json 只用于 stdout',
  '--out must not be the input file': '--out 不能是输入文件本身',
  'give exactly one .onnx file (and another with --diff)': '请只给出一个 .onnx 文件（用 --diff 时再给另一个）',
  'give exactly one plan file': '请只给出一个计划书文件',
  '--changes-since needs a git revision': '--changes-since 需要一个 git 修订版本（如 HEAD、main 或某个提交）',
  'give the plan file': '请给出计划书文件',
  'give the plan file to export': '请给出要导出的计划书文件',
  "--gpu-hour-price must be a number of 0 or more, not '{0}'": "--gpu-hour-price 必须是不小于 0 的数字，而不是 '{0}'",
  "--as-of must be a date such as 2026-06-30, not '{0}'": "--as-of 必须是 2026-06-30 这样的日期，而不是 '{0}'",
  'give two versions to compare (found {0})': '请给出要比较的两个版本（实际给出 {0} 个）',
  "unexpected argument '{0}'": "多余的参数 '{0}'",
  'which run?': '要查看哪一次运行？',
  'give exactly one experiment file': '请只给出一个实验文件',
  '--format applies to --dry-run only': '--format 只能与 --dry-run 一起使用',
  "'{0}' is a folder: give one experiment file (liftoff validate '{0}' lists the Liftoff documents in it)":
    "'{0}' 是文件夹：请给出一个实验文件（liftoff validate '{0}' 会列出其中的 Liftoff 文档）",
  '{0} takes words separated by spaces, without quotes or backslashes (e.g. "ssh login.cluster"), not \'{1}\'':
    '{0} 只接受以空格分隔的单词，不能含引号或反斜杠（例如 "ssh login.cluster"），而不是 \'{1}\'',
  "option '--slurm-prefix'": "选项 '--slurm-prefix'",
};
