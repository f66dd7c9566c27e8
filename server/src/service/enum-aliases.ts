/**
 * Chinese terms users write for enum values (from the seed essays and ordinary Chinese ML vocabulary), by field
 * path, mapped to the canonical value. Used for "unknown value" messages and their "Change to …" quick fix.
 */
export const ENUM_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'training.mode': {
    从零训练: 'from_scratch',
    从头训练: 'from_scratch',
    微调: 'finetune',
    迁移学习: 'transfer',
    转移学习: 'transfer',
    特征提取: 'feature_extraction',
    自监督学习: 'self_supervised',
    自监督: 'self_supervised',
    在线学习: 'online',
    强化学习: 'reinforcement',
  },
  'task.type': {
    分类: 'classification',
    回归: 'regression',
    时间序列预测: 'forecasting',
    时序预测: 'forecasting',
    生成: 'generation',
    文本生成: 'generation',
    问答: 'question_answering',
    推荐: 'recommendation',
    目标检测: 'detection',
    检测: 'detection',
    分割: 'segmentation',
    图像分割: 'segmentation',
    语音识别: 'speech_recognition',
    强化学习: 'reinforcement',
  },
  'task.domain': {
    表格: 'tabular',
    表格数据: 'tabular',
    视觉: 'vision',
    计算机视觉: 'vision',
    自然语言处理: 'nlp',
    语音: 'speech',
    推荐系统: 'recsys',
    多模态: 'multimodal',
  },
  'model.architecture': {
    多层感知机: 'mlp',
    卷积神经网络: 'cnn',
    循环神经网络: 'rnn',
    长短期记忆网络: 'lstm',
    变换器: 'transformer',
    残差网络: 'resnet',
    自定义: 'custom',
  },
  'training.optimizer.type': { 随机梯度下降: 'sgd', 随机梯度下降法: 'sgd' },
  'data.sensitivity': {
    无: 'none',
    个人: 'personal',
    个人信息: 'personal',
    个人数据: 'personal',
    健康: 'health',
    健康数据: 'health',
    医疗: 'health',
    医疗数据: 'health',
    金融: 'financial',
    金融数据: 'financial',
  },
};

/** The canonical value for a Chinese alias at `path` (dotted, e.g. `training.mode`), if there is one. */
export function canonicalEnumValue(path: string, value: string): string | undefined {
  return ENUM_ALIASES[path]?.[value.trim()];
}
