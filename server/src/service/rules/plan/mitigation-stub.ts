/** A `mitigation:` stub with suggested actions for a risk's category (PLAN-010, PLAN-011). */
import type { YAMLMap } from 'yaml';
import type { ParsedFile } from '../../parse';
import { setList } from './edits';
import { t, type Locale } from '../../../../../core/src/l10n';

export const SUGGESTED_MITIGATIONS: Record<string, readonly string[]> = {
  technical: ['Staged rollout', 'Fallback model', 'Extra validation before release'],
  data: ['Anonymization', 'Access control', 'Data-processing agreements'],
  market: ['Pilot customers', 'Staged launch'],
  financial: ['Reduce burn', 'Bridge financing'],
  legal_compliance: ['Early regulator engagement', 'Compliance review'],
  operational: ['Runbooks', 'Redundancy'],
  talent: ['Key-person backups', 'Hiring pipeline'],
};
const GENERIC = ['Describe how the likelihood or impact is reduced'];

/** The same suggestions in Simplified Chinese (the stub is written into the user's plan in their language). */
const SUGGESTED_MITIGATIONS_ZH_CN: Record<string, readonly string[]> = {
  technical: ['分阶段上线', '备用模型', '发布前追加验证'],
  data: ['匿名化', '访问控制', '数据处理协议'],
  market: ['试点客户', '分阶段推出'],
  financial: ['降低资金消耗', '过桥融资'],
  legal_compliance: ['尽早与监管机构沟通', '合规审查'],
  operational: ['运行手册', '冗余备份'],
  talent: ['关键岗位备份人员', '招聘储备'],
};
const GENERIC_ZH_CN = ['说明如何降低发生的可能性或影响'];

export function suggestions(category: string | undefined, locale?: Locale): readonly string[] {
  if (locale === 'zh-cn') return (category && SUGGESTED_MITIGATIONS_ZH_CN[category]) || GENERIC_ZH_CN;
  return (category && SUGGESTED_MITIGATIONS[category]) || GENERIC;
}

/** The quick fix that adds the stub to a risk item (block or flow style). */
export function mitigationFix(file: ParsedFile, risk: YAMLMap, category: string | undefined, locale?: Locale) {
  const actions = suggestions(category, locale);
  const comment = category
    ? t(locale, 'suggested for a {0} risk: adapt to your plan', category)
    : t(locale, 'suggested for a generic risk: adapt to your plan');
  return {
    title: t(locale, 'Add a mitigation stub ({0})', actions.join(t(locale, ', '))),
    edits: [setList(file, risk, 'mitigation', actions, comment)],
  };
}
