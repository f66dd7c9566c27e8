/**
 * Simplified Chinese for the plan renderer's own words that the preview's HTML did not have yet: the Markdown export
 * (core/src/plan/render/markdown.ts) and the review threads beside the sections (core/src/plan/render/review.ts).
 * Merged into zh-cn.ts; same form and checks (test/unit/l10n.test.ts). The plan's own text stays as written.
 */
export const ZH_CN_RENDER: Readonly<Record<string, string>> = {
  // The Markdown export
  'Liftoff found {0}, {1} and {2} in this plan.': 'Liftoff 在此计划书中发现 {0}、{1}和{2}。',
  'Liftoff found no problems in this plan.': 'Liftoff 在此计划书中没有发现问题。',
  '1 error': '1 个错误',
  '1 warning': '1 个警告',
  '1 info': '1 条提示',
  'Warning:': '警告：',
  'Note:': '注意：',
  'Key figures': '关键数据',
  Value: '数值',
  Detail: '说明',
  '… and {0} more': '…… 另有 {0} 项',
  '… and {0} more rows': '…… 另有 {0} 行',
  'Market size': '市场规模',
  Level: '层级',
  Source: '来源',
  'total {0}': '合计 {0}',
  Item: '项目',
  'Team by role': '按角色划分的团队',
  'Risk heat map': '风险热力图',
  'risks per cell; rows: likelihood, columns: impact': '每格为风险数；行：可能性，列：影响',
  'Likelihood \\ impact': '可能性 \\ 影响',
  Baseline: '基线',
  Target: '目标',
  Direction: '方向',
  Deadline: '截止日期',
  // Review threads (the preview, the HTML and the Markdown export)
  'Review comments': '评审意见',
  'Review comments elsewhere (outdated or on the header)': '其他位置的评审意见（已过时或在计划书开头）',
  'Review comments elsewhere': '其他位置的评审意见',
  'Review comments ({0} open of {1})': '评审意见（{1} 个中 {0} 个未解决）',
  'Outdated review threads ({0})': '已过时的评审讨论（{0}）',
  "Review threads on the plan's header ({0})": '计划书开头的评审讨论（{0}）',
  Outdated: '已过时',
  Open: '未解决',
  Resolved: '已解决',
  reply: '回复',
  '{0} review thread on {1}': '{1} 上的{0}评审讨论',
  'This place is no longer in the plan; it read {0}. The thread is kept in the review file.':
    '计划书中已没有这个位置；它原来是 {0}。该讨论仍保留在评审文件中。',
  'This place is no longer in the plan. The thread is kept in the review file.':
    '计划书中已没有这个位置。该讨论仍保留在评审文件中。',
  '… and {0} more threads': '…… 另有 {0} 个讨论',
  '**{0}** on {1}': '{1} 上的 **{0}** 讨论',
  '(no longer in the plan; it read “{0}”)': '（计划书中已没有这个位置；它原来是“{0}”）',
};
