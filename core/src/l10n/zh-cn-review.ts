/**
 * Simplified Chinese for what a plan's review sidecar cannot use (core/src/plan/review-file.ts), merged into
 * zh-cn.ts; same form and checks (test/unit/l10n.test.ts). Field names (`id`, `path`, `threads`…) stay as written:
 * they are what the user types in the file.
 */
export const ZH_CN_REVIEW: Readonly<Record<string, string>> = {
  'the review file': '评审文件',
  '{0} is not text.': '{0} 不是文本。',
  '{0} is {1} KB, over the {2} KB limit for review comments: it was not read. Resolve and delete old threads (they stay in git history).':
    '{0} 有 {1} KB，超过评审意见 {2} KB 的上限：没有读取。请解决并删除旧的讨论（它们仍保留在 git 历史中）。',
  '{0} has a YAML syntax error on line {1}: {2}. Fix the file (or take it back from git) before adding comments.':
    '{0} 第 {1} 行有 YAML 语法错误：{2}。添加评论前请先修正该文件（或从 git 中恢复）。',
  '{0} cannot be read as YAML ({1}). Fix the file or take it back from git.':
    '{0} 无法作为 YAML 读取（{1}）。请修正该文件，或从 git 中恢复。',
  '{0} must be a mapping with `version: 1` and `threads:`; it is not.':
    '{0} 必须是包含 `version: 1` 和 `threads:` 的映射；现在不是。',
  '{0} is version {1}; this Liftoff reads version 1. Update Liftoff, or write `version: 1`.':
    '{0} 的版本是 {1}；此版本的 Liftoff 只能读取版本 1。请更新 Liftoff，或写成 `version: 1`。',
  '`threads` in {0} must be a list of threads.': '{0} 中的 `threads` 必须是讨论的列表。',
  '{0} threads, over the limit of {1}: only the first {1} are read. Delete resolved threads (they stay in git history).':
    '共 {0} 个讨论，超过 {1} 个的上限：只读取前 {1} 个。请删除已解决的讨论（它们仍保留在 git 历史中）。',
  'a thread must be a mapping with id, path, status and comments.':
    '每个讨论必须是包含 id、path、status 和 comments 的映射。',
  '`id` must be a word of letters, digits, "-", "_" or "." (at most {0}).':
    '`id` 必须是由字母、数字、"-"、"_" 或 "." 组成的词（最多 {0} 个字符）。',
  'the id `{0}` is used by an earlier thread; give each thread its own id.':
    'id `{0}` 已被前面的讨论使用；请给每个讨论一个自己的 id。',
  '`path` must name a place in the plan, such as `financials.monthly_burn` or `risks[r-data].impact` (at most {0} parts).':
    '`path` 必须指向计划书中的某个位置，例如 `financials.monthly_burn` 或 `risks[r-data].impact`（最多 {0} 段）。',
  '`status` must be `open` or `resolved`, not {0}.': '`status` 必须是 `open` 或 `resolved`，而不是 {0}。',
  '`quote` is longer than {0} characters.': '`quote` 超过 {0} 个字符。',
  '`comments` must be a list with at least one comment.': '`comments` 必须是至少包含一条评论的列表。',
  'more than {0} comments in one thread.': '一个讨论中的评论超过 {0} 条。',
  'a comment must be a mapping with author, date and body.': '每条评论必须是包含 author、date 和 body 的映射。',
  '`author` must be a name of 1 to {0} characters.': '`author` 必须是 1 到 {0} 个字符的名字。',
  '`date` must be an ISO 8601 date and time, such as 2026-12-06T01:30:00Z.':
    '`date` 必须是 ISO 8601 格式的日期和时间，例如 2026-12-06T01:30:00Z。',
  '`body` must be text of 1 to {0} characters.': '`body` 必须是 1 到 {0} 个字符的文本。',
  // Review edits refused (core/src/plan/review-write.ts)
  'The comment is empty: write something first.': '评论是空的：请先写点内容。',
  'The comment is {0} characters long, over the limit of {1}.': '评论长 {0} 个字符，超过 {1} 个字符的上限。',
  'This plan has {0} review threads, the most one file holds. Delete resolved ones.':
    '此计划书已有 {0} 个评审讨论，已达一个文件的上限。请删除已解决的讨论。',
  'Cannot anchor a comment to `{0}`.': '无法把评论挂到 `{0}` 上。',
  'The review thread {0} is no longer in the review file (someone removed it); reload the plan.':
    '评审讨论 {0} 已不在评审文件中（有人删除了它）；请重新加载计划书。',
  'This thread has {0} comments, the most one thread holds. Start a new thread.':
    '此讨论已有 {0} 条评论，已达一个讨论的上限。请新开一个讨论。',
};
