/**
 * The rule catalogue's one-line summaries in Simplified Chinese, by rule ID. The English catalogue (catalogue.ts) is
 * the source of truth: test/unit/l10n.test.ts fails when a rule has no summary here, when one here has no rule, and
 * when the backquoted names (`training.loss`, `by_group`…) or rule IDs differ from the English summary's.
 * Terms follow /shared/domain/DOMAIN.md's vocabulary (验证集, 早停, 资金跑道 …).
 */
export const RULE_SUMMARIES_ZH_CN: Readonly<Record<string, string>> = {
  YAML: '文件是有效的 YAML：语法正确、用空格缩进（不用制表符）、键不重复、别名展开不超过 100 次、嵌套不超过 500 层。',
  SCHEMA: '文档符合其 JSON Schema（schemas/*.schema.json）：键名已知、值类型正确、枚举值有效、必需的部分齐全。',
  SYNONYM:
    '以同义词或变体拼写写出的枚举值（`phase: development`、`stage: Series A`）按其规范值读取；快速修复会写入规范值。各字段的同义词见 core/src/vocabulary/enum-vocabulary.ts。',
  'LIFTOFF-LIMIT': '文件大于 `liftoff.validation.maxFileSizeKB`（默认 2048 KB），不做校验。',
  'LIFTOFF-BINARY': '文件包含 NUL 字节：它是二进制文件，不是 YAML。',
  'LIFTOFF-INTERNAL': '某条规则在 Liftoff 内部出错，已对此文档跳过；其他规则照常报告。这是一个缺陷，请报告给我们。',
  'LIFTOFF-TIMEOUT':
    '某条读取文件、工作区或探测结果的规则未能在校验时限内完成（YAML 中指定了管道、设备或挂起的挂载点）；其他规则照常报告。',
  'EXP-001': '已写明 `apiVersion: liftoff/v1` 和已知的 `kind`。',
  'EXP-002': '分类任务至少有 2 个不同的 `labels`；二分类任务须在其中指定 `positive_label`。',
  'EXP-003': '`training.loss` 与 `task.type` 相符（分类用 cross_entropy/bce；回归用 mse/mae/huber）。',
  'EXP-004': '每个 `evaluation.metrics` 条目都与 `task.type` 相符（回归不用 accuracy，分类不用 r2）。',
  'EXP-005': '多分类的 precision/recall/f1 需要设置 `evaluation.average`。',
  'EXP-006': '划分比例在 (0, 1) 之间且总和为 1；`by_group` 划分须指定 `group_key`。',
  'EXP-007': '健康数据使用随机划分：应按患者划分（`by_group`）以避免数据泄露。',
  'EXP-008': '`data.train`/`validation`/`test` 的本地路径存在；CSV 的 `features` 和 `target` 列在表头中存在。',
  'EXP-009': '`epochs` 和 `max_steps` 恰好设置其一，且为正整数。',
  'EXP-010':
    '`learning_rate` 在 (0, 1] 之间（错误）；Adam/AdamW 的学习率高于 0.01（警告）；SGD 的 `momentum` 在 [0, 1) 之间（错误）。',
  'EXP-011': '早停、检查点选择和 `metrics.primary` 引用的指标都有记录或评估；其方向与指标相符（loss ⇒ min）。',
  'EXP-012': '`early_stopping` 需要验证集数据。',
  'EXP-013': '`finetune`、`transfer` 和 `feature_extraction` 需要 `model.pretrained`。',
  'EXP-014': '除 fp32 以外的精度需要 `accelerator: gpu`。',
  'EXP-015': '`accelerator: gpu` 需要 `gpus ≥ 1`；单节点多 GPU 需要分布式策略；多节点需要 `launcher: slurm`。',
  'EXP-016': '估算的训练显存（参数量 × 每参数字节数 × 优化器副本数）超过 `gpu_memory_gb`。',
  'EXP-017': '`resources.gpus` 超过本机检测到的 GPU 数量（本地启动器）。',
  'EXP-018': '`trainer: command` 有非空的 `command` 数组且其脚本存在；每个 `${…}` 变量都是已知变量。',
  'EXP-019': '`trainer: builtin` 仅用于表格型 CSV 数据的分类或回归。',
  'EXP-020': '数据增强只用于训练数据；随机操作不应放在 `preprocessing` 中。',
  'EXP-021':
    '个人/健康/金融数据需要 `privacy` 配置块（健康数据为错误）；第三方/爬取/合作方数据需要 `license`（警告）。',
  'EXP-022': '`export.onnx.opset` 是 onnxruntime 支持的版本（7–21）；`inference.labels` 与模型输出宽度一致。',
  'EXP-023': '`metadata.name` 在工作区的实验中唯一。',
  'EXP-024': '`time_limit` 短于同一实验以往运行所用的时间。',
  'EXP-025': '`run.slurm.partition` 在 Slurm 集群上存在（`sinfo`）；分区未处于 up 状态时为警告。',
  'EXP-026':
    'Slurm 资源申请符合其分区：每节点 GPU 数与 GPU 型号、节点数、CPU、内存和时间限制都在其节点容量和分区限制之内。',
  'PLAN-000': '已写明 `apiVersion: liftoff/v1` 和 `kind: BusinessPlan`。',
  'PLAN-001': '六个核心部分齐全：overview、market、business_model、team、financials、risks。',
  'PLAN-002': '只用一种币种；金额字符串可解析；金额 ≥ 0。',
  'PLAN-003': 'SOM ≤ SAM ≤ TAM（同一年份）；每个数字都有 `source` 和 `year`（警告）。',
  'PLAN-004': '收入来源占比之和、资金用途百分比之和各为 100。',
  'PLAN-005': '每个期间 `profit = revenue − Σ costs`；期间连续（警告）。',
  'PLAN-006': '资金跑道（`cash_on_hand / monthly_burn`）在下一轮计划融资之前耗尽。',
  'PLAN-007': '某一年的预计收入超过 SOM。',
  'PLAN-008': 'ID 唯一；每个负责人、依赖、KPI 和应急预案的引用都能找到对象。',
  'PLAN-009': '里程碑在截止日期之前开始；依赖关系无环；依赖方在被依赖项截止之后才开始（警告）。',
  'PLAN-010': '高风险（可能性 × 影响 ≥ 15）须有 `mitigation`，并由团队成员担任 `owner`。',
  'PLAN-011': '应对方式相符：`transfer` 须写明转移工具，`accept` 须有应急预案，`mitigate` 须有缓解措施。',
  'PLAN-012': '风险涵盖技术、市场和财务；医疗/金融科技计划书还须涵盖 data 和 legal_compliance。',
  'PLAN-013': '团队有产品/项目负责人和机器学习岗位；每位成员至少有一项职责。',
  'PLAN-014': 'KPI 的目标值从基线出发朝其 `direction` 方向变化；百分比 KPI 在 0–100 之间。',
  'PLAN-015': '融资轮次按日期排序且金额为正；只有单一融资渠道时为警告。',
  'PLAN-016': '技术可行性评分较低（≤ 2）时，至少要有一项技术风险。',
  'PLAN-017': '计划书日期已过某个里程碑的截止日期，而该里程碑尚未完成。',
  'PLAN-018': '每个情景的改动都指向计划书中存在的路径，并且应用该情景后的计划书通过同样的规则。',
  'PLAN-019':
    '计划书的未解决评审讨论（其 `<plan>.review.yaml` 附属文件：锚定到 YAML 路径的评论，与计划书一同提交），显示在其锚定的位置；已过时的讨论（路径已不存在）显示在第一行；以及 Liftoff 无法读取的评审文件。可用 `liftoff.review.showOpenThreadsInProblems` 关闭。',
  'PLAN-020':
    '关联实验的真实运行（运行记录）按 `liftoff.gpuHourPrice` 计价，到今天为止花掉的本期算力预算（`costs.compute`）超过了均匀进度所允许的部分。',
  'XDOC-001': '关联的实验和计划书能找到对应文档，且文档类型正确。',
  'XDOC-002': 'KPI 的指标由其关联实验评估，其目标值与实验的阈值不矛盾。',
  'XDOC-003': '实验使用个人、健康或金融数据 ⇒ 计划书有一项带缓解措施的数据风险。',
  'XDOC-004': '关联实验的算力成本超过计划书的算力预算。',
};
