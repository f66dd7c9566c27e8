/**
 * Simplified Chinese for what inference tells the reader about a run (core/src/inference: the notes of a result and
 * of a scored file, and how the values were preprocessed), merged into zh-cn.ts; same form and checks
 * (test/unit/l10n.test.ts). Output names, column names and file names stay as written.
 */
export const ZH_CN_INFERENCE: Readonly<Record<string, string>> = {
  '; one-hot columns {0}': '；独热编码列 {0}',
  'model metadata': '模型元数据',
  'standardization folded into the model ({0}): raw values are fed{1}': '标准化已并入模型（{0}）：直接送入原始值{1}',
  '(x − mean) / std with the training statistics from the model metadata{0}':
    '用模型元数据中的训练统计量计算 (x − mean) / std{0}',
  '(x − mean) / std with the training statistics from {0}{1}': '用 {0} 中的训练统计量计算 (x − mean) / std{1}',
  'none recorded with the model: values are fed as they are{0}': '模型没有记录预处理：值按原样送入{0}',
  'Execution provider {0} could not be used ({1}); fell back.': '无法使用执行提供程序 {0}（{1}）；已改用其他提供程序。',
  'Columns matched by the header line of the document (the selection has none).':
    '按文档的表头行匹配列（所选内容中没有表头）。',
  'Not fed to the model: {0}.': '未送入模型：{0}。',
  'Feature order from {0}.': '特征顺序来自 {0}。',
  'Preprocessing: {0}.': '预处理：{0}。',
  'Softmax applied: "{0}" holds scores (logits), not probabilities.':
    '已应用 Softmax："{0}" 中是分数（logits），不是概率。',
  'Sigmoid applied: "{0}" holds a logit, not a probability.': '已应用 Sigmoid："{0}" 中是 logit，不是概率。',
  'Labels from {0}.': '标签来自 {0}。',
  // Which model Run Inference used (core/src/inference/model-resolution.ts)
  'the latest succeeded run ({0}) of {1}': '{1} 最近一次成功的运行（{0}）',
  'inference.model of {0}': '{0} 的 inference.model',
};
