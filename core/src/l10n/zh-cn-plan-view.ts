/**
 * Simplified Chinese for the plan preview's own sentences that carry numbers or names: the view model's hints, notes
 * and table titles (server/src/service/plan-view) and the renderer's chart captions, legends, screen-reader labels
 * and data-table links (core/src/plan/render/blocks-html.ts, charts/). Merged into zh-cn.ts; same form and checks
 * (test/unit/l10n.test.ts). Terms as in zh-cn.ts: 资金跑道, 月度消耗, 现有资金, 盈亏平衡. The plan's own text stays as written.
 */
export const ZH_CN_PLAN_VIEW: Readonly<Record<string, string>> = {
  // Charts (core/src/plan/render/charts)
  'Market size (TAM → SAM → SOM)': '市场规模（TAM → SAM → SOM）',
  'Market funnel': '市场漏斗图',
  'Widths are stepped, not to scale.': '宽度按层级递减，不按比例绘制。',
  'Milestone timeline': '里程碑时间线',
  'Milestone timeline: no milestones': '里程碑时间线：没有里程碑',
  'Milestone timeline: 1 milestone from {0} to {1}, {2} done': '里程碑时间线：1 个里程碑，从 {0} 到 {1}，已完成 {2} 个',
  'Milestone timeline: {0} milestones from {1} to {2}, {3} done':
    '里程碑时间线：{0} 个里程碑，从 {1} 到 {2}，已完成 {3} 个',
  ', owner {0}': '，负责人 {0}',
  'plan date': '计划日期',
  'Plan date': '计划日期',
  Done: '已完成',
  'In progress': '进行中',
  Planned: '计划中',
  'Impact →': '影响 →',
  'Likelihood →': '可能性 →',
  '1 rated risk': '1 个已评分的风险',
  '{0} rated risks': '{0} 个已评分的风险',
  '{0}, {1} without ratings': '{0}，{1} 个未评分',
  'Risk heat map (likelihood × impact)': '风险热力图（可能性 × 影响）',
  'Risk heat map: {0}': '风险热力图：{0}',
  'Likelihood {0} × impact {1} = {2} ({3}) — {4}{5}': '可能性 {0} × 影响 {1} = {2}（{3}）—— {4}{5}',
  ' and {0} more': ' 等另 {0} 个',
  high: '高',
  medium: '中',
  low: '低',
  '1 risk': '1 个风险',
  '{0} risks': '{0} 个风险',
  'High (score ≥ 15)': '高（评分 ≥ 15）',
  'Medium (8–14)': '中（8–14）',
  'Low (< 8)': '低（< 8）',
  'Revenue, costs and profit per period': '各期收入、成本和利润',
  'Revenue, costs and profit per period: no periods': '各期收入、成本和利润：没有期间',
  'Revenue, costs and profit per period: {0}; {1}{2}': '各期收入、成本和利润：{0}；{1}{2}',
  '1 period from {0} to {1}': '1 期，从 {0} 到 {1}',
  '{0} periods from {1} to {2}': '{0} 期，从 {1} 到 {2}',
  'no break-even period': '没有盈亏平衡的期间',
  'break-even in {0}': '{0} 实现盈亏平衡',
  '; {0}: {1}': '；{0}：{1}',
  'revenue {0}': '收入 {0}',
  'costs {0}': '成本 {0}',
  'profit {0}': '利润 {0}',
  '{0} profit: {1}': '{0} 利润：{1}',
  '{0} revenue: {1}': '{0} 收入：{1}',
  '{0} costs: {1}': '{0} 成本：{1}',
  '{0}: plan runway {1}': '{0}：计划的资金跑道 {1}',
  // Blocks (core/src/plan/render/blocks-html.ts)
  'Table of the figures per period': '各期数字表',
  'Table of the milestones': '里程碑表',
  'Table of the risks': '风险表',
  'Table of the sensitivity figures': '敏感性数字表',
  ' (the same data as text)': '（以文字形式给出的同一数据）',
  '{0} to {1}': '{0} → {1}',
  'by {0}': '截止 {0}',
  'owner {0}': '负责人 {0}',
  'measured by {0}': '由 {0} 衡量',
  '{0} in {1}': '{1} 中的 {0}',
  'The target does not increase from the baseline.': '目标值没有比基线提高。',
  'The target does not decrease from the baseline.': '目标值没有比基线降低。',
  'The target does not {0} from the baseline.': '目标值相对基线没有 {0}。',
  // Summary and Financials (server/src/service/plan-view/index.ts, finance.ts)
  'Serviceable obtainable market, {0}': '可服务可获得市场（SOM），{0} 年',
  'of {0} (likelihood × impact ≥ {1})': '共 {0} 个（可能性 × 影响 ≥ {1}）',
  '`metadata.currency` "{0}" is not a known ISO 4217 code (such as CNY, USD, EUR): amounts are shown without a currency.':
    '`metadata.currency` "{0}" 不是已知的 ISO 4217 代码（如 CNY、USD、EUR）：金额将不带币种显示。',
  '{0} cash ÷ {1}/month burn{2}{3}': '现有资金 {0} ÷ 月度消耗 {1}{2}{3}',
  ' · cash runs out around {0}': ' · 资金约在 {0} 耗尽',
  ' — before the next round': ' —— 早于下一轮融资',
  'Not computed: no `financing.cash_on_hand`.': '未计算：没有 `financing.cash_on_hand`。',
  'Not computed: no `financials.monthly_burn`.': '未计算：没有 `financials.monthly_burn`。',
  'Not computed: cash on hand or monthly burn is not a positive amount.': '未计算：现有资金或月度消耗不是正数金额。',
  'First period with profit ≥ 0 ({0})': '第一个利润 ≥ 0 的期间（{0}）',
  'Not reached': '未达到',
  '{0} month': '{0} 个月',
  'No period in the plan has profit ≥ 0.': '计划中没有利润 ≥ 0 的期间。',
  'No `financials.periods`.': '没有 `financials.periods`。',
  // Scenarios and sensitivity (server/src/service/plan-view/analysis.ts)
  'Scenario {0}: {1} (those changes are left out).': '情景 {0}：{1}（这些改动未被采用）。',
  '1 in 10 runs ends sooner{0} ({1} seeded Monte Carlo samples over the ranges)':
    '每 10 次模拟中有 1 次更早耗尽{0}（在取值范围内做 {1} 次固定种子的蒙特卡洛抽样）',
  ' · cash out by {0}': ' · 资金在 {0} 前耗尽',
  'cash out around {0}': '资金约在 {0} 耗尽',
  'cash out by {0} at the latest in 9 of 10 runs': '每 10 次模拟中有 9 次资金最晚在 {0} 耗尽',
  'Runway if one driver moves ±{0} %': '单个驱动因素变动 ±{0} % 时的资金跑道',
  'Sensitivity: each driver −{0} % / +{0} %, the others held (runway {1}, break-even {2})':
    '敏感性：每个驱动因素变动 −{0} % / +{0} %，其余不变（资金跑道 {1}，盈亏平衡 {2}）',
  'Runway at −{0} %': '−{0} % 时的资金跑道',
  'Runway at +{0} %': '+{0} % 时的资金跑道',
  'Break-even at −{0} %': '−{0} % 时的盈亏平衡',
  'Break-even at +{0} %': '+{0} % 时的盈亏平衡',
  'Revenue (every period)': '收入（每一期）',
  'Costs (every period)': '成本（每一期）',
  'Personnel costs': '人员成本',
  // Notes on what cannot be drawn (plan-view/kpis.ts, market.ts, milestones.ts, money-view.ts, risks.ts, …)
  '`kpis[{0}]` is not a mapping: left out.': '`kpis[{0}]` 不是映射：已略去。',
  'KPI `{0}` needs numeric `baseline` and `target` to draw its progress bar.':
    'KPI `{0}` 需要数值型的 `baseline` 和 `target` 才能绘制进度条。',
  '`market.size` should be a mapping with `tam`, `sam` and `som`: the market funnel is not shown.':
    '`market.size` 应是包含 `tam`、`sam` 和 `som` 的映射：不显示市场漏斗图。',
  '`milestones[{0}]` is not a mapping: {1} is not on the timeline.': '`milestones[{0}]` 不是映射：{1} 不在时间线上。',
  'Milestone `{0}` has no dates: it is not on the timeline.': '里程碑 `{0}` 没有日期：不在时间线上。',
  'Milestone `{0}` has no valid `start` or `due` date (YYYY-MM or YYYY-MM-DD): it is not on the timeline.':
    '里程碑 `{0}` 没有有效的 `start` 或 `due` 日期（YYYY-MM 或 YYYY-MM-DD）：不在时间线上。',
  'Milestone `{0}` is due before it starts: drawn as a point at its due date.':
    '里程碑 `{0}` 的截止日期早于开始日期：在截止日期处画成一个点。',
  '{0}: {1} is not an amount, so it is left out of the figures.': '{0}：{1} 不是金额，因此未计入数字。',
  'this value': '此值',
  '1 item of `risks` is not a mapping: left out.': '`risks` 中有 1 项不是映射：已略去。',
  '{0} items of `risks` are not a mapping: left out.': '`risks` 中有 {0} 项不是映射：已略去。',
  '1 risk has no valid `likelihood` and `impact` (integers 1–5): not on the heat map.':
    '1 个风险没有有效的 `likelihood` 和 `impact`（1–5 的整数）：不在热力图上。',
  '{0} risks have no valid `likelihood` and `impact` (integers 1–5): not on the heat map.':
    '{0} 个风险没有有效的 `likelihood` 和 `impact`（1–5 的整数）：不在热力图上。',
  'revenue streams': '收入来源',
  'use of funds': '资金用途',
  '{0} ({1}): `{2}` is missing or not a number, so it is not in the {3} chart.':
    '{0}（{1}）：`{2}` 缺失或不是数字，因此不在{3}图中。',
  '{0} ({1}): `{2}` is negative, so it is not in the {3} chart.': '{0}（{1}）：`{2}` 为负数，因此不在{3}图中。',
  'The {0} shares add up to {1}, not 100 %: the chart shows each share of the total.':
    '{0}的占比合计为 {1}，不是 100 %：图中显示各项占合计的比例。',
  '`team.members[{0}]` is not a mapping: {1} is left out of the team.':
    '`team.members[{0}]` 不是映射：{1} 未列入团队。',
  'No role given': '未写角色',
};
