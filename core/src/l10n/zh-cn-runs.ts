/**
 * Simplified Chinese for why a run is in its state (core/src/runs/run-reason.ts: run.json's `reasonCode`), merged
 * into zh-cn.ts; same form and checks (test/unit/l10n.test.ts). Slurm's state words (PENDING, RUNNING, FAILED…) and
 * its own reasons stay as Slurm prints them: they are what `squeue` and `sacct` show.
 */
export const ZH_CN_RUNS: Readonly<Record<string, string>> = {
  '`{0}` was not found: install it or set run.python / fix run.command.':
    '找不到 `{0}`：请安装它，或设置 run.python / 修正 run.command。',
  '`{0}` could not be executed (not executable?): check run.command.':
    '`{0}` 无法执行（可能不是可执行文件）：请检查 run.command。',
  'could not start: {0}': '无法启动：{0}',
  'the working folder {0} does not exist or is not a folder: create it or fix run.working_dir.':
    '工作文件夹 {0} 不存在或不是文件夹：请创建它或修正 run.working_dir。',
  'time limit {0} reached (resources.time_limit); Liftoff stopped the run':
    '已达到时间上限 {0}（resources.time_limit）；Liftoff 停止了该运行',
  'killed by {0}': '被 {0} 终止',
  'exit code {0}': '退出码 {0}',
  'exit code {0} (killed by signal {1})': '退出码 {0}（被信号 {1} 终止）',
  'ended without an exit status': '结束时没有退出状态',
  'stopped by the user': '已由用户停止',
  'marked stopped by the user (nothing was signalled)': '已由用户标记为停止（未发送任何信号）',
  'the Liftoff runner ended with exit code {0} before the run started; see its terminal':
    'Liftoff 运行器在运行开始前以退出码 {0} 结束；请查看它的终端',
  'the Liftoff runner ended with exit code unknown before the run started; see its terminal':
    'Liftoff 运行器在运行开始前结束，退出码未知；请查看它的终端',
  'the Liftoff runner ended (killed or crashed) before it started the command; nothing ran':
    'Liftoff 运行器在启动命令前就结束了（被终止或崩溃）；什么也没有运行',
  'it never started: no Liftoff runner took it up within {0} minutes (the window or terminal that launched it ended first)':
    '它从未开始：{0} 分钟内没有 Liftoff 运行器接手（启动它的窗口或终端先结束了）',
  'the run ended while no Liftoff runner was recording it (runner killed, window reload or crash) and left no exit status; see stdout.log':
    '运行结束时没有 Liftoff 运行器在记录它（运行器被终止、窗口重新加载或崩溃），也没有留下退出状态；请查看 stdout.log',
  '{0} (recorded after its runner ended)': '{0}（在其运行器结束后记录）',
  'submitting to Slurm': '正在提交到 Slurm',
  'PENDING (submitted)': 'PENDING（已提交）',
  'RUNNING on {0}': 'RUNNING，节点 {0}',
  'COMPLETED (exit code 0)': 'COMPLETED（退出码 0）',
  'stopped by the user (scancel)': '已由用户停止（scancel）',
  'FAILED (killed by signal {0})': 'FAILED（被信号 {0} 终止）',
  'FAILED (exit code {0})': 'FAILED（退出码 {0}）',
  'FAILED (exit code unknown)': 'FAILED（退出码未知）',
  'Slurm no longer knows job {0} and it left no exit code (purged from the controller, no completion log); see stdout.log':
    'Slurm 已不再知道作业 {0}，它也没有留下退出码（已从控制器清除，没有完成日志）；请查看 stdout.log',
  '{0}{1}: {2}': '{0}{1}：{2}',
  ' (time limit {0})': '（时间上限 {0}）',
  'the job reached its time limit; raise resources.time_limit': '作业达到了时间上限；请提高 resources.time_limit',
  'a node of the job failed; Slurm ended the job': '作业的一个节点出现故障；Slurm 结束了该作业',
  'the job ran out of memory; raise resources.memory_gb': '作业内存不足；请提高 resources.memory_gb',
  'a higher-priority job preempted it': '它被优先级更高的作业抢占',
  'a node failed to boot': '有节点启动失败',
  'the job missed its deadline': '作业错过了截止时间',
  'the job ended with a special exit (requeue-hold)': '作业以特殊退出结束（requeue-hold）',
  // `liftoff runs log` (run-log.ts)
  '1 earlier byte of {0} not shown': '{0} 中前面的 1 个字节未显示',
  '{0} earlier bytes of {1} not shown': '{1} 中前面的 {0} 个字节未显示',
  // The CLI's own sentences: `liftoff runs`, `runs rename` / `runs note`, `runs log`, `train`, `infer --out`
  'No runs in {0}. Start one with: liftoff train <experiment.yaml>':
    '{0} 中没有运行。可以这样开始一个：liftoff train <experiment.yaml>',
  'No runs in {0}. Start one with: liftoff train <experiment.yaml> (or pass --workspace DIR where runs were started)':
    '{0} 中没有运行。可以这样开始一个：liftoff train <experiment.yaml>（或用 --workspace DIR 指向启动过运行的文件夹）',
  'attempt {0} of {1}: ': '{1} 的第 {0} 次尝试：',
  // run.retry's decision after a failed attempt, printed into the run's output (retry.ts, launch-run.ts)
  'not retrying: {0} would happen again ({1})': '不重试：{0}，再试还会发生（{1}）',
  'see the cause': '请查看原因',
  'not retrying: run.retry.on does not list {0}': '不重试：run.retry.on 中没有列出 {0}',
  'not retrying: the time limit would be hit again (no training.checkpoint to resume from); raise resources.time_limit':
    '不重试：还会再次达到时间限制（没有可供恢复的 training.checkpoint）；请调高 resources.time_limit',
  'not retrying: 1 retry used (run.retry.max)': '不重试：已用完 1 次重试（run.retry.max）',
  'not retrying: {0} retries used (run.retry.max)': '不重试：已用完 {0} 次重试（run.retry.max）',
  '{0}: attempt {1} of {2} (run.retry)': '{0}：第 {1} 次尝试，共 {2} 次（run.retry）',
  'the retry could not start: {0}': '重试无法启动：{0}',
  'attempt {0} of {1}': '{1} 的第 {0} 次尝试',
  '{0} notes:': '{0} 的备注：',
  '{0}: {1} attempts, {2} in all': '{0}：共 {1} 次尝试，合计 {2}',
  'Total: {0} over {1} runs': '总计：{1} 个运行共 {0}',
  'run {0} {1} ({2})': '运行 {0} {1}（{2}）',
  '{0} has 1 error; fix it first.': '{0} 有 1 个错误；请先修正它。',
  '{0} has {1} errors; fix them first.': '{0} 有 {1} 个错误；请先修正它们。',
  "{0} runs are named '{1}' ({2}); give the id": "有 {0} 个运行都叫 '{1}'（{2}）；请给出运行 ID",
  "'{0}' is the beginning of {1} run ids; give more of it": "'{0}' 是 {1} 个运行 ID 的开头；请多给出几位",
  "no run '{0}' (neither an id, the beginning of one, nor a name); `liftoff runs` lists them":
    "没有运行 '{0}'（既不是运行 ID、ID 的开头，也不是名称）；`liftoff runs` 会列出所有运行",
  'which name?': '要用什么名称？',
  'which text?': '要写什么备注？',
  'which run? (its id, the beginning of it, or its name)': '是哪个运行？（它的 ID、ID 的开头或名称）',
  "unexpected argument '{0}' (quote the name)": "多余的参数 '{0}'（请给名称加上引号）",
  "unexpected argument '{0}' (quote the text)": "多余的参数 '{0}'（请给备注文本加上引号）",
  '{0} (in {1})': '{0}（在 {1} 中）',
  "{0} is now called '{1}'": "{0} 现在名为 '{1}'",
  '{0} has no name now (shown by its id)': '{0} 现在没有名称（按 ID 显示）',
  '{0}: notes saved (1 line)': '{0}：备注已保存（1 行）',
  '{0}: notes saved ({1} lines)': '{0}：备注已保存（{1} 行）',
  '{0}: notes cleared': '{0}：备注已清除',
  "no run '{0}' in {1}; `liftoff runs` lists them": "{1} 中没有运行 '{0}'；`liftoff runs` 会列出所有运行",
  "'{0}' is the beginning of {1} run ids ({2}); give more of it": "'{0}' 是 {1} 个运行 ID 的开头（{2}）；请多给出几位",
  'stopping after the current chunk…': '当前数据块完成后停止…',
  'scoring {0}: {1}% ({2} of {3}) · {4} rows': '正在打分 {0}：{1}%（{3} 中的 {2}）· {4} 行',
  '{0} failed': '{0} 行失败',
  'and {0} more failed rows: see the error column of {1}': '另有 {0} 行失败：请查看 {1} 的 error 列',
  '1 row scored': '已打分 1 行',
  '{0} rows scored': '已打分 {0} 行',
  ', {0} failed': '，{0} 行失败',
  '{0} on {1}': '{0}，运行于 {1}',
  '{0} rows/s': '{0} 行/秒',
  'cancelled: the file holds the rows scored before the stop': '已取消：文件中保存了停止前已打分的行',
  // Run states (run-reason.ts's stateText): the Runs view, its tooltip, Compare Runs, `liftoff runs`
  queued: '排队中',
  running: '运行中',
  succeeded: '已成功',
  failed: '已失败',
  cancelled: '已取消',
  // `liftoff runs` table columns
  EXPERIMENT: '实验',
  RUN: '运行',
  STATE: '状态',
  DURATION: '时长',
  'LAST METRICS': '最新指标',
  COST: '成本',
  REASON: '原因',
  // Why a run failed (diagnose.ts) and its fixes; explain.ts's diagnosisLines
  'cause: {0}': '原因：{0}',
  'fix: {0}': '修复：{0}',
  'or: {0}': '或者：{0}',
  'Halve training.batch_size ({0} → {1}) and double gradient_accumulation ({2} → {3}): same effective batch':
    '把 training.batch_size 减半（{0} → {1}），并把 gradient_accumulation 加倍（{2} → {3}）：有效批次大小不变',
  'Ask for memory explicitly: resources.memory_gb: 32': '明确申请内存：resources.memory_gb: 32',
  'Double resources.memory_gb ({0} → {1})': '把 resources.memory_gb 加倍（{0} → {1}）',
  'Raise resources.time_limit to {0} ({1}/{2} done in {3})':
    '把 resources.time_limit 提高到 {0}（{3} 内完成了 {1}/{2}）',
  'Raise resources.time_limit to {0}': '把 resources.time_limit 提高到 {0}',
  'Save checkpoints (training.checkpoint.dir: checkpoints, keep_last: 2) so the next run can resume':
    '保存检查点（training.checkpoint.dir: checkpoints，keep_last: 2），让下一次运行可以从中恢复',
  'Lower training.optimizer.learning_rate ({0} → {1})': '降低 training.optimizer.learning_rate（{0} → {1}）',
  'Slurm state {0} ({1})': 'Slurm 状态 {0}（{1}）',
  'Slurm state {0}': 'Slurm 状态 {0}',
  'Stopped by the user': '已由用户停止',
  'The run was stopped from Liftoff or with scancel; nothing to fix.':
    '运行是在 Liftoff 中或用 scancel 停止的；无需修复。',
  'Time limit reached': '已达到时间上限',
  'The run was killed when its time limit ran out. Give it more time (sized from its measured speed), or make it resume from a checkpoint.':
    '运行在时间上限用完时被终止。请给它更多时间（按实测速度估算），或让它从检查点恢复。',
  'Preempted by the cluster': '被集群抢占',
  'A higher-priority job took the nodes. Running it again can succeed; add run.retry to resubmit it by itself.':
    '优先级更高的作业占用了节点。再运行一次可能会成功；添加 run.retry 可让它自动重新提交。',
  'A node failed': '有节点出现故障',
  'A node of the job stopped answering. Running it again can succeed; add run.retry to resubmit it by itself.':
    '作业的一个节点停止了响应。再运行一次可能会成功；添加 run.retry 可让它自动重新提交。',
  'CUDA out of memory': 'CUDA 显存不足',
  'The GPU ran out of memory. A smaller batch with gradient accumulation keeps the effective batch size; bf16 precision or a smaller model also help.':
    'GPU 显存用完了。用更小的批次加梯度累积可以保持有效批次大小不变；使用 bf16 精度或更小的模型也有帮助。',
  'Out of memory (host)': '内存不足（主机）',
  'The process used more memory than the machine or the job allows and was killed. Ask for more memory, or load less data at once (fewer DataLoader workers, a smaller batch).':
    '进程使用的内存超过了机器或作业允许的上限，因而被终止。请申请更多内存，或一次加载更少的数据（更少的 DataLoader worker、更小的批次）。',
  'Distributed training failed (NCCL / rendezvous)': '分布式训练失败（NCCL / rendezvous）',
  'The processes of a distributed run could not talk to each other. Check that every node reaches the first one (MASTER_ADDR/port), set NCCL_DEBUG=INFO in run.env to see why, or try a single node first.':
    '分布式运行的各个进程之间无法通信。请检查每个节点都能连到第一个节点（MASTER_ADDR/端口），在 run.env 中设置 NCCL_DEBUG=INFO 查看原因，或先用单节点试一试。',
  "Python module '{0}' is not installed": "没有安装 Python 模块 '{0}'",
  'The interpreter the run used cannot import {0}. Install it there (pip install {1}), or point run.python at the environment that has it.':
    '运行所用的解释器无法导入 {0}。请在那个环境中安装它（pip install {1}），或把 run.python 指向已安装它的环境。',
  'File not found: {0}': '找不到文件：{0}',
  "The run could not open {0}. Paths in run.command resolve against the experiment's folder (or run.working_dir); check that the file exists there on the machine that ran it.":
    '运行无法打开 {0}。run.command 中的路径相对于实验所在的文件夹（或 run.working_dir）解析；请检查运行它的机器上该位置确实有这个文件。',
  'Training diverged (loss became NaN or Inf)': '训练发散（损失变成了 NaN 或 Inf）',
  'The loss stopped being a number. A lower learning rate, gradient clipping or fp32/bf16 instead of fp16 usually cures it.':
    '损失不再是一个有效的数。降低学习率、使用梯度裁剪，或用 fp32/bf16 代替 fp16，通常就能解决。',
  'signal {0}': '信号 {0}',
  'no exit status': '没有退出状态',
  'Failed ({0})': '失败（{0}）',
  'The command failed; the last error line of its output is below.': '命令失败；下面是其输出中的最后一行错误。',
  'The command failed without an error message in its output; open its log.':
    '命令失败，但输出中没有错误信息；请打开它的日志。',
  // The notification when a run ends (run-end.ts)
  'Run {0} of {1} succeeded: {2} {3}{4}.': '{1} 的运行 {0} 已成功：{2} {3}{4}。',
  'Run {0} of {1} succeeded{2}.': '{1} 的运行 {0} 已成功{2}。',
  'Run {0} of {1} failed: {2}.': '{1} 的运行 {0} 失败：{2}。',
  'Run {0} of {1} cancelled: {2}.': '{1} 的运行 {0} 已取消：{2}。',
  ' Fix: {0}.': '修复：{0}。',
};
