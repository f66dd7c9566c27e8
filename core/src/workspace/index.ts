/** Finding the workspace folder and what it leaves out (`.liftoffignore`): the same for every command. */
export { findWorkspace, describeWorkspace, commonFolder } from './find-root';
export type { FoundWorkspace, FindWorkspaceOptions, WorkspaceReason } from './find-root';
export { IGNORE_FILE, parseIgnore, readIgnore } from './ignore';
export type { IgnoreMatcher } from './ignore';
