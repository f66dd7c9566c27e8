/**
 * Simplified Chinese for the errors core throws that reach a user through the client or the CLI (PhrasedError,
 * InferenceError, LaunchError, SlurmUnavailableError; core/src/l10n's `errorText`), merged into zh-cn.ts: a missing
 * or unreadable run.json, a model onnxruntime cannot load, a bad `inference.input(s)` mapping, a run that cannot
 * start, Slurm not answering or refusing a job. Same form and checks as zh-cn.ts (test/unit/l10n.test.ts); terms
 * follow /shared/domain/DOMAIN.md. Slurm's and onnxruntime's own words stay as they print them.
 */
export const ZH_CN_ERRORS: Readonly<Record<string, string>> = {
  // CLI wrappers (cli/src/infer.ts, train.ts)
  '{0} cannot be run: {1}': '{0} 无法运行：{1}',
  '{0} cannot be used with {1}: {2}': '{0} 无法用于 {1}：{2}',
  'sbatch refused the job: {0}\n{1}': 'sbatch 拒绝了该作业：{0}\n{1}',
  // Inference (core/src/inference)
  'Inference was cancelled.': '推理已取消。',
  '{0} of {1}': '{1} 中的 {0}',
  '{0} names "{1}", which the model does not have.': '{0} 指定了 "{1}"，但模型没有这个输入。',
  '{0} is "{1}", which the model does not have.': '{0} 为 "{1}"，但模型没有这个输入。',
  'fed by the rows': '由数据行馈入',
  'missing: give it a value in inference.inputs (zeros, ones, a number or a list)':
    '缺少：请在 inference.inputs 中为它指定值（zeros、ones、一个数或一个列表）',
  'missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list)':
    '缺少：要么由数据行馈入它（inference.input），要么在 inference.inputs 中为它指定值（zeros、ones、一个数或一个列表）',
  'cannot use {0}: {1}': '无法使用 {0}：{1}',
  '{0} from inference.inputs': '{0}（来自 inference.inputs）',
  '{0}: {1}': '{0}：{1}',
  '{0}; {1}': '{0}；{1}',
  'Which input the rows feed is not said: set inference.input to one of {0}.':
    '没有说明数据行馈入哪个输入：请把 inference.input 设为 {0} 之一。',
  'The model needs {0} inputs, and Liftoff feeds the rows to one of them: {1}.':
    '模型需要 {0} 个输入，Liftoff 把数据行馈入其中一个：{1}。',
  '{0} In the experiment, for example:\n{1}': '{0} 可在实验中这样写：\n{1}',
  'Liftoff builds float32, float64, int32 and int64 constants, not {0}':
    'Liftoff 只能构造 float32、float64、int32 和 int64 常量，不能构造 {0}',
  'dimension {0} ("{1}") is not fixed, so its size is unknown': '第 {0} 维（"{1}"）不是固定大小，因此大小未知',
  'dimension {0} (unknown) is not fixed, so its size is unknown': '第 {0} 维（未知）不是固定大小，因此大小未知',
  'it has more than one batch dimension': '它有不止一个批次维度',
  'its batch dimension is not the first, so a list cannot be repeated per row: use zeros, ones or a number':
    '它的批次维度不是第一维，因此列表无法按行重复：请使用 zeros、ones 或一个数',
  'a list of {0} values, but one row of it holds {1} ({2})': '列表有 {0} 个值，但它的一行包含 {1} 个值（{2}）',
  'a list of {0} values, but one value of it holds {1} ({2})': '列表有 {0} 个值，但它的一个值包含 {1} 个元素（{2}）',
  '{0} takes whole numbers': '{0} 只接受整数',
  '{0} is not an ONNX model: onnxruntime could not parse it (protobuf parsing failed). Re-export the model, or pick the .onnx file itself.':
    '{0} 不是 ONNX 模型：onnxruntime 无法解析它（protobuf 解析失败）。请重新导出模型，或直接选择 .onnx 文件本身。',
  '{0} uses the operator {1} (opset {2}), which onnxruntime does not implement. Re-export the model with standard ONNX operators or another opset.':
    '{0} 使用了算子 {1}（opset {2}），onnxruntime 没有实现它。请用标准 ONNX 算子或其他 opset 重新导出模型。',
  'The model input {0} needs {1} values in dimension {2}, but got {3}.':
    '模型输入 {0} 的第 {2} 维需要 {1} 个值，实际得到 {3} 个。',
  'The model input {0} has rank {1}, but got a tensor of rank {2}.': '模型输入 {0} 的秩为 {1}，但得到的张量秩为 {2}。',
  'The model input takes {0}, but got {1}.': '模型输入接受 {0}，但得到的是 {1}。',
  'onnxruntime rejected {0} as an invalid model: {1}': 'onnxruntime 认为 {0} 是无效模型而拒绝加载：{1}',
  'onnxruntime could not load {0}: {1}': 'onnxruntime 无法加载 {0}：{1}',
  'onnxruntime failed on {0}: {1}': 'onnxruntime 运行 {0} 时出错：{1}',
  'The model {0} cannot be read: the file does not exist.': '无法读取模型 {0}：文件不存在。',
  'The model {0} is not a file.': '模型 {0} 不是文件。',
  '{0} is not an ONNX model ({1}). Pick an .onnx file exported by PyTorch, TensorFlow, scikit-learn or Liftoff.':
    '{0} 不是 ONNX 模型（{1}）。请选择由 PyTorch、TensorFlow、scikit-learn 或 Liftoff 导出的 .onnx 文件。',
  'onnxruntime-node could not be loaded ({0}). Reinstall the extension, or run `npm ci` in a clone.':
    '无法加载 onnxruntime-node（{0}）。请重新安装扩展；如果是源码克隆，请运行 `npm ci`。',
  // Launchers (core/src/launchers)
  '{0} is not valid YAML: {1}': '{0} 不是有效的 YAML：{1}',
  '{0} has no metadata.name: runs are stored by experiment name.': '{0} 没有 metadata.name：运行是按实验名称保存的。',
  'Unknown variable {0} in run.command: use one of {1}.': 'run.command 中有未知变量 {0}：请使用 {1} 之一。',
  'run.command must be a non-empty list of arguments, e.g. [python, train.py, --config, "${config}"].':
    'run.command 必须是非空的参数列表，例如 [python, train.py, --config, "${config}"]。',
  '{0} contains a NUL character; remove it.': '{0} 含有 NUL 字符；请删除它。',
  'run.env: {0} is not a valid environment variable name (letters, digits and _, not starting with a digit); rename it.':
    'run.env：{0} 不是有效的环境变量名（只能由字母、数字和 _ 组成，且不能以数字开头）；请重命名。',
  // run.json (core/src/runs, core/src/launchers)
  '{0} has no readable run.json': '{0} 中没有可读取的 run.json',
  'no readable run.json in {0}': '{0} 中没有可读取的 run.json',
  'cannot name the run in {0}: {1}': '无法为 {0} 中的运行命名：{1}',
  'it is not a folder (or is a symbolic link)': '它不是文件夹（或是符号链接）',
  'it resolves outside the workspace': '它指向工作区之外',
  'it has no readable run.json': '它没有可读取的 run.json',
  // Slurm (core/src/launchers/slurm)
  '`{0}` was not found on this machine (liftoff.slurm.commandPrefix).':
    '在本机上找不到 `{0}`（liftoff.slurm.commandPrefix）。',
  '`{0}` was not found: install the Slurm client tools here, or set liftoff.slurm.commandPrefix (e.g. ["ssh", "login.cluster"]) to reach a login node.':
    '找不到 `{0}`：请在本机安装 Slurm 客户端工具，或设置 liftoff.slurm.commandPrefix（例如 ["ssh", "login.cluster"]）以连接登录节点。',
  '`{0}` did not answer in time.': '`{0}` 没有及时响应。',
  '`{0}` could not start: {1}.': '`{0}` 无法启动：{1}。',
  '`{0}` exited with code {1}.': '`{0}` 以退出码 {1} 结束。',
  'Could not cancel Slurm job {0}: {1}': '无法取消 Slurm 作业 {0}：{1}',
  'not a Slurm job id: {0}': '不是 Slurm 作业 ID：{0}',
  'Set `run.slurm.partition` to one that `sinfo` lists (the Problems panel names them, EXP-025).':
    '请把 `run.slurm.partition` 设为 `sinfo` 列出的分区之一（“问题”面板会列出它们，EXP-025）。',
  "The partition's nodes do not offer that GPU request: lower `resources.gpus`, fix `resources.gpu_type`, or choose a GPU partition (EXP-026).":
    '该分区的节点满足不了这项 GPU 请求：请减少 `resources.gpus`、修正 `resources.gpu_type`，或选择 GPU 分区（EXP-026）。',
  "No node has that much memory: lower `resources.memory_gb` (EXP-026 shows the partition's limit).":
    '没有节点有这么多内存：请减少 `resources.memory_gb`（EXP-026 会显示该分区的上限）。',
  'No node of the partition fits the request: lower `resources.cpus`, `resources.gpus` or `resources.nodes` (EXP-026).':
    '该分区没有节点能满足这项请求：请减少 `resources.cpus`、`resources.gpus` 或 `resources.nodes`（EXP-026）。',
  "Lower `resources.time_limit` to the partition's MaxTime (`scontrol show partition`).":
    '请把 `resources.time_limit` 降到该分区的 MaxTime 以内（`scontrol show partition`）。',
  'Check `run.slurm.account` and `run.slurm.qos` (`sacctmgr show assoc user=$USER`).':
    '请检查 `run.slurm.account` 和 `run.slurm.qos`（`sacctmgr show assoc user=$USER`）。',
  'The Slurm controller cannot be reached from here: check that this machine is a login node, or set `liftoff.slurm.commandPrefix` (e.g. ["ssh", "login.cluster"]).':
    '从本机连不上 Slurm 控制器：请确认本机是登录节点，或设置 `liftoff.slurm.commandPrefix`（例如 ["ssh", "login.cluster"]）。',
  'Install the Slurm client tools here, or set `liftoff.slurm.commandPrefix` to run them on a login node.':
    '请在本机安装 Slurm 客户端工具，或设置 `liftoff.slurm.commandPrefix` 在登录节点上运行它们。',
  'Check the job script with "Liftoff: Preview sbatch Script" and the cluster\'s limits (`sinfo`, `scontrol show partition`).':
    '请用“Liftoff: 预览 sbatch 脚本”检查作业脚本，并核对集群的限制（`sinfo`、`scontrol show partition`）。',
};
