/**
 * `liftoff --help` in Simplified Chinese (shown with `--lang zh-cn` or a zh_CN locale). The English help (main.ts's
 * USAGE) is the source: test/unit/cli-l10n.test.ts fails when a command line or an option is in one and not the
 * other. Commands, options and values stay as they are typed.
 */
import { VERSION } from './version';

export const USAGE_ZH_CN = `liftoff ${VERSION} — 校验机器学习实验配置和 AI 商业计划书

用法：
  liftoff validate <files, folders or globs…> [--format text|json|sarif] [--out FILE] [--workspace DIR]
                   [--fail-on error|warning] [--max-file-size KB] [--jobs N]
                                  检查 Liftoff 文档：退出码 0 表示没有问题（只有警告也是 0，除非指定
                                  --fail-on warning），1 表示有错误（超过大小上限的文件也算，默认 2048 KB），
                                  2 表示用法或读写错误，或某个参数中没有 Liftoff 文档；--out 把报告写入
                                  FILE；SARIF 2.1.0 用于代码评审（GitHub 代码扫描等）；N 个工作线程
                                  （默认按文件数和 CPU 核数决定），输出与单线程完全相同
  liftoff train <experiment.yaml> [--workspace DIR] [--slurm-prefix "ssh login.cluster"] [--dry-run [--format text|json]]
                                  先校验，再用与 VS Code 中“▶ 训练”相同的启动器训练；运行记录保存在
                                  <workspace>/.liftoff/runs；退出码即运行的退出码；不是实验的文档在创建
                                  任何东西之前就会被拒绝；Slurm 命令经由 --slurm-prefix（或
                                  LIFTOFF_SLURM_PREFIX）执行；--dry-run 只打印启动方式，不创建任何东西
  liftoff runs [--workspace DIR] [--experiment NAME] [--format text|json]
                                  列出运行记录，最新的在前
  liftoff runs log <run-id> [--follow] [--stream stdout|stderr|both] [--workspace DIR] [--format text|json]
                                  一次运行的 stdout 和 stderr，与其状态变化按时间交错显示，每行带有
                                  到达时间（UTC）；--follow 持续输出直到运行结束
  liftoff runs rename <run> <name> | liftoff runs note <run> <text> [--workspace DIR]
                                  给运行起名或写备注（保存在运行文件夹的 run-meta.json 中；"" 表示清除）；
                                  <run> 是运行的 id、id 的开头部分或它的名字
  liftoff metrics <folder> [--format text|json]
                                  读取一个文件夹中的 TensorBoard 事件文件、CSV 或 JSON Lines 日志（不是
                                  Liftoff 产生的）：列出每次运行的指标及其最后值和最佳值；只读
  liftoff plan export <file.plan.yaml> [--format html|md] [--out PATH] [--changes-since REV] [--workspace DIR]
                                  把计划书预览写成独立的 HTML 文件（内联 CSS 和 SVG 图表，不含脚本；
                                  默认格式）或 Markdown，放在计划书旁边或 PATH（文件或已有的文件夹）；
                                  --changes-since 在后面附上自 git 修订版本 REV 以来计划书的变化（与
                                  plan diff 的报告相同）；退出码 0 已写入，1 不是商业计划书，2 用法、读写或 git 错误
  liftoff plan diff <a> <b> [--format md|html|json] [--out FILE]
                                  比较计划书的两个版本改了什么，以及对资金跑道、盈亏平衡、资金消耗、
                                  市场规模、收入、风险、里程碑和规则的影响；每一方是一个文件或
                                  git:REV:path（git:HEAD:seed.plan.yaml）；默认输出 Markdown，适合作为
                                  拉取请求的评论；退出码 0 已写入，1 不是计划书，2 用法、读写或 git 错误
  liftoff plan compute <file.plan.yaml> [--gpu-hour-price N] [--as-of YYYY-MM-DD] [--format text|json]
                                  本期计划书的算力预算，对照其关联实验的运行（运行记录库）实际用掉的
                                  GPU 小时；退出码 0 未超出进度，1 超出进度或不是计划书，2 用法或读写错误
  liftoff infer <model.onnx> <input.csv|tsv|json|jsonl|txt> [--experiment e.yaml] [--top-k N] [--format csv|json]
               [--out results.csv]
                                  用与编辑器相同的解析、检查和预处理，在数据文件上运行 ONNX 模型；
                                  预测结果输出到 stdout；退出码 0 完成，1 输入不能用于该模型（消息会说明
                                  模型需要什么），2 用法或读写错误（需要 onnxruntime-node：
                                  npm install -g onnxruntime-node@1.30.0）；
                                  --out 把任意大小的 CSV/JSON-lines 文件流式写成结果 CSV（行号、输入列、
                                  预测、错误），有行失败时退出码为 1；
                                  给出 PNG/JPEG 文件而不是数据文件时：输出图像模型对每张图片的标签
                                  （预处理取自实验的 inference.image）；实验带有 inference.text 时：文件的
                                  每一行经过其 tokenizer.json 和文本模型，每行一个预测
  liftoff inspect <model.onnx> [--nodes] [--diff other.onnx] [--format text|json]
                                  输入/输出（名称、类型、形状）、opset、IR、生成工具、算子、参数量和元数据；
                                  文件不是 ONNX 时退出码为 1
  liftoff … --lang en|zh-cn                                消息、计划书导出的标题和 validate 的汇总行
                                  使用英文或简体中文（默认取 LC_ALL、LC_MESSAGES 或 LANG，例如
                                  LANG=zh_CN.UTF-8；否则为英文）
  liftoff --help | -h                                      显示本帮助
  liftoff --version | -v                                   打印版本号

工作区（查找其他文档和 .liftoff/runs 的地方）由 --workspace DIR 指定；否则取文档上方最近的、含有
.liftoff/、.git 或 .hg 的文件夹（或当前文件夹）；否则为当前文件夹；每个命令都会在 stderr 上说明用的是
哪一个。.liftoffignore 中列出的路径会被排除。-f、-o、-w 分别是 --format、--out、--workspace 的简写。
glob 模式由 liftoff 自己展开，所以请加引号：liftoff validate 'examples/**/*.yaml'
`;
