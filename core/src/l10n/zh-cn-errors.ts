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
  // Plan review comments (core/src/plan/review-write.ts): a sidecar with problems is never rewritten
  '{0} was not changed, because part of it could not be read: {1}': '{0} 没有被修改，因为其中有部分内容无法读取：{1}',
  // Inference (core/src/inference)
  'Inference was cancelled.': '推理已取消。',
  // where the feature order and labels came from (model-facts.ts), named inside the errors above and below
  '{0} inference.feature_order': '{0} 中的 inference.feature_order',
  'the model metadata (feature_order)': '模型元数据（feature_order）',
  'model.json (feature_order)': 'model.json（feature_order）',
  '{0} data.features': '{0} 中的 data.features',
  '{0} inference.labels': '{0} 中的 inference.labels',
  'the model metadata (labels)': '模型元数据（labels）',
  'model.json (labels)': 'model.json（labels）',
  '{0} task.labels': '{0} 中的 task.labels',
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
  // Inference input: tables, JSON, features (core/src/inference)
  'input "{0}" {1}': '输入 "{0}" {1}',
  '1 value': '1 个值',
  '{0} values': '{0} 个值',
  '1 feature': '1 个特征',
  '{0} features': '{0} 个特征',
  ' ({0})': '（{0}）',
  '{0} has {1}, but the model {2} takes {3}{4}.': '{0}有 {1}，但模型{2} 接受 {3}{4}。',
  "The input has {0} columns ({1}), but the model {2} takes {3} features, and no feature order says which to use (none in the experiment's inference.feature_order, the model metadata or model.json). Select only the {3} feature columns, or set inference.feature_order in the experiment.":
    '输入有 {0} 列（{1}），但模型{2} 接受 {3} 个特征，而且没有特征顺序说明该用哪几列（实验的 inference.feature_order、模型元数据和 model.json 中都没有）。请只选择那 {3} 个特征列，或在实验中设置 inference.feature_order。',
  'The feature order from {0} lists {1} features, but the model {2} takes {3}. Fix inference.feature_order so it matches the model.':
    '来自 {0} 的特征顺序列出了 {1} 个特征，但模型{2} 接受 {3} 个。请修正 inference.feature_order，使它与模型一致。',
  'column "{0}"': '"{0}" 列',
  'columns {0}': '列 {0}',
  "The input has no {0}, which the model needs. Its features (from {1}) are {2}; the input's columns are {3}.":
    '输入中没有模型需要的{0}。模型的特征（来自 {1}）是 {2}；输入的列是 {3}。',
  'The header': '表头',
  'The model takes no inputs: there is nothing to feed it.': '模型不接受任何输入：无从馈入数据。',
  'The model input "{0}" is a {1}, not a tensor: Liftoff cannot build it from a table.':
    '模型输入 "{0}" 是 {1}，不是张量：Liftoff 无法从表格构造它。',
  'The model input "{0}" is a non-tensor value, not a tensor: Liftoff cannot build it from a table.':
    '模型输入 "{0}" 是非张量值，不是张量：Liftoff 无法从表格构造它。',
  'The model {0} takes strings (dtype string): Liftoff builds numeric tensors from tables, so it cannot feed this model.':
    '模型{0} 接受字符串（dtype string）：Liftoff 从表格构造的是数值张量，因此无法为这个模型馈入数据。',
  'The model {0} takes {1}, which Liftoff cannot build: it feeds float32, float64, int32 and int64 inputs.':
    '模型{0} 接受 {1}，Liftoff 无法构造这种类型：它只能馈入 float32、float64、int32 和 int64 输入。',
  'The model {0} has rank {1}, but Liftoff builds rank-2 tensors ([rows, features]) from tables, or rank 1 for one row at a time: it cannot feed this model.':
    '模型{0} 的秩为 {1}，但 Liftoff 从表格构造的是秩为 2 的张量（[行, 特征]），或每次一行时秩为 1 的张量：无法为这个模型馈入数据。',
  'The input has {0} features per row, but the model {1} takes {2}.': '输入每行有 {0} 个特征，但模型{1} 接受 {2} 个。',
  '{0} returned no outputs.': '{0} 没有返回任何输出。',
  'Line {0}, column "{1}"': '第 {0} 行的 "{1}" 列',
  'Row {0} (line {1}), column "{2}"': '第 {0} 条数据（第 {1} 行）的 "{2}" 列',
  'Row {0}, column "{1}"': '第 {0} 条数据的 "{1}" 列',
  '{0} is empty: a missing value (NaN), which the model cannot use. Fill it in or leave the row out.':
    '{0}为空：这是缺失值（NaN），模型无法使用。请填上它，或去掉这一行。',
  '{0} is {1}: a missing value (NaN), which the model cannot use. Fill it in or leave the row out.':
    '{0}为 {1}：这是缺失值（NaN），模型无法使用。请填上它，或去掉这一行。',
  '{0} is {1}: an infinite value, which the model cannot use. Fill in a finite number or leave the row out.':
    '{0}为 {1}：这是无穷大值，模型无法使用。请填入有限的数，或去掉这一行。',
  '{0}: {1} is not a number. The model takes numbers only; fix the cell or leave the row out.':
    '{0}：{1} 不是数字。模型只接受数字；请修正该单元格，或去掉这一行。',
  '{0}: {1} is not a category the model knows ({2}).': '{0}：{1} 不是模型认识的类别（{2}）。',
  'The input has no rows: select rows of numbers, a CSV with a header, or JSON.':
    '输入中没有数据行：请选择数字行、带表头的 CSV 或 JSON。',
  'Row {0} (line {1})': '第 {0} 条数据（第 {1} 行）',
  'the header has {0} columns': '表头有 {0} 列',
  "the document's header has {0} columns": '文档的表头有 {0} 列',
  'the model {0} takes {1}{2}': '模型{0} 接受 {1} 个值{2}',
  'The input has a header but no rows: select the rows to run the model on.':
    '输入只有表头，没有数据行：请选择要运行模型的行。',
  'Row {0} (line {1}) has {2}, but {3}.': '第 {0} 条数据（第 {1} 行）有 {2}，但{3}。',
  'The input looks like JSON but is not valid JSON: {0}.': '输入看起来像 JSON，但不是有效的 JSON：{0}。',
  'The JSON input is neither an array nor an object: give rows as [[…], […]], [{…}, {…}] or one {…}.':
    'JSON 输入既不是数组也不是对象：请按 [[…], […]]、[{…}, {…}] 或单个 {…} 的形式给出数据行。',
  'The JSON input is an empty array: it has no rows.': 'JSON 输入是空数组：没有数据行。',
  'The JSON array mixes rows of different kinds: give every row as an array, or every row as an object.':
    'JSON 数组混用了不同类型的行：请让每一行都是数组，或每一行都是对象。',
  'Line {0} is not valid JSON: {1}.': '第 {0} 行不是有效的 JSON：{1}。',
  'The JSON lines mix arrays and objects: give every line as an array, or every line as an object.':
    'JSON 行混用了数组和对象：请让每一行都是数组，或每一行都是对象。',
  'The input is a rank-{0} array (rows of arrays), but the model {1} takes rows of plain numbers (rank 2: [rows, features]).':
    '输入是秩为 {0} 的数组（行中含有数组），但模型{1} 接受的是由普通数字组成的行（秩 2：[行, 特征]）。',
  'Row 1': '第 1 条数据',
  'Row {0} (line {1}) has {2}, but row 1 has {3}.': '第 {0} 条数据（第 {1} 行）有 {2}，但第 1 条数据有 {3} 个。',
  'Row {0} has {1}, but row 1 has {2}.': '第 {0} 条数据有 {1}，但第 1 条数据有 {2} 个。',
  '{0} is missing from this object: a missing value, which the model cannot use.':
    '{0}在这个对象中缺失：这是缺失值，模型无法使用。',
  'The training statistics recorded with the model have {0} means and {1} standard deviations, but the model {2} takes {3}: the model and its model.json do not belong together.':
    '随模型记录的训练统计量有 {0} 个均值和 {1} 个标准差，但模型{2} 接受 {3}：模型和它的 model.json 不匹配。',
  '{0}: {1} is not a whole number, but the model {2} takes {3}. Give whole numbers.':
    '{0}：{1} 不是整数，但模型{2} 接受 {3}。请给出整数。',
  // Scoring a file (core/src/inference/score-*.ts)
  '{0} cannot be read: it does not exist or is not a file.': '无法读取 {0}：它不存在或不是文件。',
  '{0}\'s output "{1}" ({2}) is not a class score or a value per row: Liftoff cannot write it as predictions.':
    '{0} 的输出 "{1}"（{2}）既不是类别分数，也不是每行一个值：Liftoff 无法把它写成预测结果。',
  '{0} has no rows: it is empty or blank.': '{0} 中没有数据行：文件为空或只有空白。',
  '{0} has a header but no rows.': '{0} 只有表头，没有数据行。',
  'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2}':
    '{1} 的前 {0} 行都无法使用，没有一行被打分：文件与模型不匹配。{2}',
  'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2} {3}':
    '{1} 的前 {0} 行都无法使用，没有一行被打分：文件与模型不匹配。{2}{3}',
  'The first {0} rows of {1} could not be used, none was scored: the file does not fit the model. {2} {3} {4}':
    '{1} 的前 {0} 行都无法使用，没有一行被打分：文件与模型不匹配。{2}{3}{4}',
  // A row of a scored file that cannot be used (score-rows.ts)
  'Line {0} is {1} bytes long, longer than any row Liftoff reads ({2} bytes): skipped. Is this the right file?':
    '第 {0} 行长 {1} 字节，超过了 Liftoff 能读取的最长数据行（{2} 字节）：已跳过。这是正确的文件吗？',
  'Line {0} has 1 value, but {1}.': '第 {0} 行有 1 个值，但{1}。',
  'Line {0} has {1} values, but {2}.': '第 {0} 行有 {1} 个值，但{2}。',
  'the header has {0}': '表头有 {0} 个',
  'the first row has {0}': '第一行有 {0} 个',
  'Line {0} is not a JSON object, but the first row is: give every line as an object.':
    '第 {0} 行不是 JSON 对象，但第一行是：请让每一行都是对象。',
  'Line {0} is not a JSON array, but the first row is: give every line as an array.':
    '第 {0} 行不是 JSON 数组，但第一行是：请让每一行都是数组。',
  'Line {0} has {1} values, but the first row has {2}.': '第 {0} 行有 {1} 个值，但第一行有 {2} 个。',
  'Line {0}': '第 {0} 行',
  'Line {0} does not hold a whole JSON value: the file looks like one JSON document spread over lines. Scoring a file streams CSV or JSON lines (one object or array per line); convert it, or select the rows and run inference on the selection.':
    '第 {0} 行不是一个完整的 JSON 值：文件看起来是分布在多行中的一个 JSON 文档。对文件打分时按流读取 CSV 或 JSON 行（每行一个对象或数组）；请转换文件，或者选中这些行，对选区运行推理。',
  'Line {0} is not a row: JSON lines give one object ({"age": 41, …}) or one array of numbers per line.':
    '第 {0} 行不是数据行：JSON 行格式每行给出一个对象（{"age": 41, …}）或一个数字数组。',
  // Images (core/src/inference/image)
  '{0} says it is {1} × {2} pixels ({3} megapixels), more than Liftoff decodes ({4} megapixels). Resize it first.':
    '{0} 声明的尺寸为 {1} × {2} 像素（{3} 百万像素），超过了 Liftoff 可解码的上限（{4} 百万像素）。请先缩小图像。',
  '{0} is not a PNG or JPEG image (its first bytes are neither signature).':
    '{0} 不是 PNG 或 JPEG 图像（文件开头的字节不是这两种格式的签名）。',
  '{0} is a truncated PNG (no header).': '{0} 是不完整的 PNG（没有文件头）。',
  '{0} cannot be decoded as PNG: {1}.': '{0} 无法按 PNG 解码：{1}。',
  '{0} cannot be decoded as PNG: its image data is not compressed data ({1}). The file is damaged.':
    '{0} 无法按 PNG 解码：其图像数据不是压缩数据（{1}）。文件已损坏。',
  '{0} cannot be decoded as PNG: its image data ends early ({1} of the {2} bytes its lines need). The file is damaged or was cut short.':
    '{0} 无法按 PNG 解码：其图像数据提前结束（各行需要 {2} 字节，只有 {1} 字节）。文件已损坏或被截断。',
  '{0} is larger than Liftoff decodes ({1} megapixels). Resize it first.':
    '{0} 超过了 Liftoff 可解码的上限（{1} 百万像素）。请先缩小图像。',
  '{0} cannot be decoded as JPEG: {1}.': '{0} 无法按 JPEG 解码：{1}。',
  'No image files were given.': '没有提供图像文件。',
  'The model input "{0}" has rank {1}, but an image input has rank 4 ([N, C, H, W] or [N, H, W, C]).':
    '模型输入 "{0}" 的秩为 {1}，但图像输入的秩为 4（[N, C, H, W] 或 [N, H, W, C]）。',
  'The model input "{0}" has no declared shape, but an image input has rank 4 ([N, C, H, W] or [N, H, W, C]).':
    '模型输入 "{0}" 没有声明形状，但图像输入的秩为 4（[N, C, H, W] 或 [N, H, W, C]）。',
  'The model input "{0}" [{1}] has {2} channels in the {3} layout; images give 1 or 3. Is inference.image.layout right?':
    '模型输入 "{0}" [{1}] 在 {3} 布局下有 {2} 个通道；图像只有 1 或 3 个通道。inference.image.layout 设置得对吗？',
  'The model input "{0}" takes {1}, but the image tensor is {2}: set inference.image.dtype to {3}.':
    '模型输入 "{0}" 接受 {1}，但图像张量是 {2}：请把 inference.image.dtype 设为 {3}。',
  '{0} is {1} MB, larger than an image Liftoff reads (256 MB).':
    '{0} 大小为 {1} MB，超过了 Liftoff 可读取的图像上限（256 MB）。',
  'No images were given.': '没有提供图像。',
  'inference.image.{0} has {1} values, but the model takes 1 channel.':
    'inference.image.{0} 有 {1} 个值，但模型只接受 1 个通道。',
  'inference.image.{0} has {1} values, but the model takes {2} channels.':
    'inference.image.{0} 有 {1} 个值，但模型接受 {2} 个通道。',
  'inference.image.std values must be > 0.': 'inference.image.std 的值必须大于 0。',
  "Image {0} is {1} × {2} after resizing, smaller than the crop {3} × {4}: resize it to at least the crop's size (inference.image.resize).":
    '第 {0} 张图像缩放后为 {1} × {2}，小于裁剪尺寸 {3} × {4}：请把它缩放到至少与裁剪尺寸一样大（inference.image.resize）。',
  "The images come out in different sizes ({0} × {1} and {2} × {3}): set inference.image.resize and crop so every image gets the model's size.":
    '图像处理后尺寸不一（{0} × {1} 和 {2} × {3}）：请设置 inference.image.resize 和 crop，使每张图像都符合模型的尺寸。',
  'After preprocessing the image is {0} × {1} (width × height), but the model takes {2} × {3}: set inference.image.resize and crop (e.g. resize: {4}, crop: [{3}, {2}]).':
    '预处理后图像为 {0} × {1}（宽 × 高），但模型接受 {2} × {3}：请设置 inference.image.resize 和 crop（例如 resize: {4}, crop: [{3}, {2}]）。',
  // Text and tokenizers (core/src/inference/text)
  ids: 'token ID',
  'attention mask': '注意力掩码',
  'token type ids': 'token 类型 ID',
  "A text model needs its tokenizer: set inference.text.tokenizer in the experiment to the model's tokenizer.json.":
    '文本模型需要它的分词器：请在实验中把 inference.text.tokenizer 设为模型的 tokenizer.json。',
  'No lines of text were given.': '没有提供文本行。',
  'inference.text.{0} is "{1}", but {2} has no such input (its inputs: {3}).':
    'inference.text.{0} 为 "{1}"，但 {2} 没有这个输入（它的输入：{3}）。',
  '{0} has no input named "input_ids" (its inputs: {1}): set inference.text.input_ids to the input that takes the token ids.':
    '{0} 没有名为 "input_ids" 的输入（它的输入：{1}）：请把 inference.text.input_ids 设为接受 token ID 的那个输入。',
  'The model input "{0}" is named for both the {1} and the {2} in inference.text.':
    'inference.text 把模型输入 "{0}" 同时指定为 {1} 和 {2}。',
  'The model input "{0}" takes {1}, but the {2} are integers (int64 or int32). Is inference.text right about which input takes what?':
    '模型输入 "{0}" 接受 {1}，但 {2} 是整数（int64 或 int32）。inference.text 中各输入的分工设置对吗？',
  'The model input "{0}" has rank {1}, but the {2} have rank 2 ([lines, tokens]).':
    '模型输入 "{0}" 的秩为 {1}，但 {2} 的秩为 2（[行, token]）。',
  "The tokenizer {0} does not exist: set inference.text.tokenizer to the model's tokenizer.json (a local file; nothing is downloaded).":
    '分词器 {0} 不存在：请把 inference.text.tokenizer 设为模型的 tokenizer.json（本地文件；不会下载任何内容）。',
  '{0} is {1} MB, larger than a tokenizer Liftoff reads (128 MB).':
    '{0} 大小为 {1} MB，超过了 Liftoff 可读取的分词器上限（128 MB）。',
  '{0} is not valid JSON: {1}.': '{0} 不是有效的 JSON：{1}。',
  '{0} is not a Hugging Face tokenizer.json (it has no "model" with a "type"). Save one with tokenizer.save_pretrained() or tokenizer.backend_tokenizer.save().':
    '{0} 不是 Hugging Face 的 tokenizer.json（它没有带 "type" 的 "model"）。请用 tokenizer.save_pretrained() 或 tokenizer.backend_tokenizer.save() 保存一个。',
  '{0} cannot be used: {1}. Liftoff reads WordPiece, BPE and Unigram tokenizer.json files.':
    '{0} 无法使用：{1}。Liftoff 能读取 WordPiece、BPE 和 Unigram 类型的 tokenizer.json 文件。',
  '{0} is {1} tokens, more than max_length {2}, and inference.text.truncation is false: shorten the line, raise max_length or allow truncation.':
    '{0}有 {1} 个 token，超过了 max_length {2}，而 inference.text.truncation 为 false：请缩短这一行、提高 max_length，或允许截断。',
  'max_length {0} leaves no room for text: the tokenizer adds {1} special tokens to each line.':
    'max_length {0} 没有给文本留下空间：分词器会给每行加上 {1} 个特殊 token。',
  '{0} has no pad token ([PAD], <pad>, or "padding" in tokenizer.json), so lines of different lengths cannot share a batch ({1}: {2}). Give the tokenizer a pad token, or run one line at a time.':
    '{0} 没有填充 token（[PAD]、<pad> 或 tokenizer.json 中的 "padding"），因此长度不同的行无法放在同一批次中（{1}：{2}）。请为分词器设置填充 token，或每次只运行一行。',
  // sbatch script values (core/src/launchers/slurm/script-values.ts)
  'a line break': '换行符',
  'a carriage return': '回车符',
  'a NUL character': 'NUL 字符',
  'the control character U+{0}': '控制字符 U+{0}',
  'remove it.': '请删除它。',
  '{0} {1} contains {2}, which would change the shape of the sbatch script Liftoff generates: {3}':
    '{0} {1} 含有 {2}，这会改变 Liftoff 生成的 sbatch 脚本的结构：{3}',
  '{0}: {1} is not a valid environment variable name (letters, digits and _, not starting with a digit); rename it.':
    '{0}：{1} 不是有效的环境变量名（只能由字母、数字和 _ 组成，且不能以数字开头）；请重命名。',
  'use the name as Slurm lists it (`sinfo`, `sacctmgr show assoc`): letters, digits, ., _, +, -, commas between names.':
    '请使用 Slurm 列出的名称（`sinfo`、`sacctmgr show assoc`）：字母、数字、.、_、+、-，多个名称之间用逗号分隔。',
  'use the name as Slurm lists it (`sinfo`, `sacctmgr show assoc`): letters, digits, ., _, +, -.':
    '请使用 Slurm 列出的名称（`sinfo`、`sacctmgr show assoc`）：字母、数字、.、_、+、-。',
  '{0} {1} is not an sbatch option: each entry must start with - or --, e.g. "--exclusive".':
    '{0} {1} 不是 sbatch 选项：每一项都必须以 - 或 -- 开头，例如 "--exclusive"。',
  'remove it, or set the option through resources / run.slurm.': '请删除它，或通过 resources / run.slurm 设置该选项。',
  'move the workspace (or the experiment) to a folder whose path has no such character.':
    '请把工作区（或实验）移到路径中不含这种字符的文件夹。',
  'The working folder': '工作文件夹',
  'The run folder': '运行文件夹',
  // Deleting a run (core/src/launchers/delete-run.ts, slurm/job-ownership.ts)
  'run.json names no Slurm job': 'run.json 中没有指明 Slurm 作业',
  "Slurm job {0} writes its output to {1}, not to this run's folder: Liftoff did not submit it for this run, so it does not cancel it":
    'Slurm 作业 {0} 把输出写到 {1}，而不是这个运行的文件夹：它不是 Liftoff 为这个运行提交的，因此 Liftoff 不会取消它',
  'Run {0} is still {1}: stop it before deleting it.': '运行 {0} 仍处于 {1} 状态：请先停止它再删除。',
  'Run {0} is Slurm job {1}, still {2}: Liftoff cancels it before deleting, which needs a trusted workspace.':
    '运行 {0} 是 Slurm 作业 {1}，仍处于 {2} 状态：Liftoff 会在删除前取消它，这需要受信任的工作区。',
  '{0}. The run was not deleted; if the job is gone, Refresh and delete again.':
    '{0}。运行没有被删除；如果作业已不存在，请刷新后再删除。',
  'Could not cancel Slurm job {0} before deleting its run: {1}': '删除运行前无法取消 Slurm 作业 {0}：{1}',
};
