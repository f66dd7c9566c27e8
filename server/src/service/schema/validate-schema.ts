import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { isScalar, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { diagnostic, type Fix } from '../diagnostic';
import { canonicalEnumValue } from '../enum-aliases';
import type { RuleContext } from '../rules/rule';
import type { DocumentKind, LiftoffDiagnostic } from '../types';
import { describe } from './describe';
import { dotted, resolvePointer } from './pointer';
import { pickErrors } from './pick-errors';
import { MAX_ALIAS_EXPANSIONS } from '../yaml-path';
import { suggestValue } from '../suggest';
import { VOCABULARY } from '../../../../core/src/vocabulary';
import { t } from '../../../../core/src/l10n';
import { createAjv, propertyExport, propertyRef, SHELL, shellOf, WHOLE } from './ajv-setup';

export type SchemaSet = Readonly<Record<DocumentKind, object>>;

/** A schema problem with the JSON Schema keyword that failed (decides how it merges with rule diagnostics). */
export interface SchemaProblem {
  readonly keyword: string;
  readonly diagnostic: LiftoffDiagnostic;
}
type Schema = Record<string, unknown>;

/**
 * Validators generated at build time for one kind (standalone Ajv code, see ajv-setup.ts and host/validators.ts):
 * export name (`whole`, `shell`, `properties/<key>`) → validator. Undefined: none for this kind (compiled at run time).
 */
export type PrecompiledValidators = (kind: DocumentKind) => Readonly<Record<string, ValidateFunction>> | undefined;

/**
 * Compiles each schema once (Ajv code generation is the expensive part: about half a second for the experiment schema
 * on a cold server) and keeps the validators; where validators generated at build time for the same schemas are
 * given (`precompiled`), uses those instead and compiles nothing.
 */
export class SchemaValidator {
  private ajvInstance: ReturnType<typeof createAjv> | undefined;
  private readonly compiled = new Map<DocumentKind, ValidateFunction>();
  private readonly generated = new Map<DocumentKind, Readonly<Record<string, ValidateFunction>> | null>();

  constructor(
    private readonly schemas: SchemaSet,
    private readonly precompiled?: PrecompiledValidators,
  ) {}

  private get ajv(): ReturnType<typeof createAjv> {
    this.ajvInstance ??= createAjv();
    return this.ajvInstance;
  }

  /** The build-time validator `name` of `kind`, if there is one. */
  private pre(kind: DocumentKind, name: string): ValidateFunction | undefined {
    if (!this.precompiled) return undefined;
    let set = this.generated.get(kind);
    if (set === undefined) {
      set = this.precompiled(kind) ?? null;
      this.generated.set(kind, set);
    }
    return set?.[name];
  }

  validator(kind: DocumentKind): ValidateFunction {
    let v = this.compiled.get(kind);
    if (!v) {
      v = this.pre(kind, WHOLE) ?? this.compileWhole(kind);
      this.compiled.set(kind, v);
    }
    return v;
  }

  private readonly registered = new Set<DocumentKind>();

  /** Adds a kind's schema to Ajv under its `$id` (once), so that references into it resolve. */
  private register(kind: DocumentKind): void {
    if (this.registered.has(kind)) return;
    this.registered.add(kind);
    const root = this.root(kind);
    if (typeof root.$id === 'string') this.ajv.addSchema(root);
  }

  private compileWhole(kind: DocumentKind): ValidateFunction {
    const root = this.root(kind);
    if (typeof root.$id !== 'string') return this.ajv.compile(root);
    this.register(kind);
    return this.ajv.getSchema(root.$id)!;
  }

  private readonly shells = new Map<DocumentKind, ValidateFunction>();
  private readonly parts = new Map<string, ValidateFunction | null>();

  /** The validator of the top level only (ajv-setup.ts's `shellOf`). */
  private shell(kind: DocumentKind): ValidateFunction {
    let v = this.shells.get(kind);
    if (!v) {
      v = this.pre(kind, SHELL);
      if (!v) {
        this.register(kind);
        v = this.ajv.compile(shellOf(this.root(kind)));
      }
      this.shells.set(kind, v);
    }
    return v;
  }

  /** The validator of one top-level property's schema (its `$ref`s resolve against the whole schema). */
  private part(kind: DocumentKind, key: string): ValidateFunction | undefined {
    const id = `${kind}\n${key}`;
    let v = this.parts.get(id);
    if (v === undefined) {
      const root = this.root(kind);
      const ref = propertyRef(root, key);
      v = ref === undefined ? null : (this.pre(kind, propertyExport(key)) ?? null);
      if (v === null && ref !== undefined) {
        this.register(kind);
        v = this.ajv.getSchema(ref) ?? null;
      }
      this.parts.set(id, v);
    }
    return v ?? undefined;
  }

  /**
   * The schema check section by section: the top level against the shell, each section's value against its own
   * property schema, its errors kept in `memo` while the section is unchanged. The same errors, in the same order, as
   * one check of the whole value (properties' errors in the schema's order after the top level's); undefined when a
   * section has no property schema of its own (a pattern property), and the caller checks the whole.
   */
  checkSections(
    ctx: RuleContext,
    sections: ReadonlyArray<{ readonly key: string; readonly js: () => unknown; memo: { errors?: ErrorObject[] } }>,
  ): SchemaProblem[] | undefined {
    const kind = ctx.yaml.kind;
    if (!kind) return [];
    const root = this.root(kind);
    const order = Object.keys((root.properties as Schema | undefined) ?? {});
    const byKey = new Map(sections.map((s) => [s.key, s]));
    const patterns = Object.keys((root.patternProperties as Schema | undefined) ?? {}).map((p) => new RegExp(p, 'u'));
    for (const s of sections) if (!order.includes(s.key) && patterns.some((p) => p.test(s.key))) return undefined;
    const shellData = Object.fromEntries(sections.map((s) => [s.key, null]));
    const shell = this.shell(kind);
    const errors: ErrorObject[] = shell(shellData) ? [] : [...(shell.errors ?? [])];
    for (const key of order) {
      const s = byKey.get(key);
      if (!s) continue;
      if (!s.memo.errors) {
        const v = this.part(kind, key);
        if (!v) return undefined;
        const prefix = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        s.memo.errors = v(s.js())
          ? []
          : (v.errors ?? []).map((e) => ({
              ...e,
              instancePath: prefix + e.instancePath,
              schemaPath: `#/properties${prefix}${e.schemaPath.slice(1)}`,
            }));
      }
      errors.push(...s.memo.errors);
    }
    return pickErrors(errors).map((e) => ({ keyword: e.keyword, diagnostic: toDiagnostic(ctx, e, root) }));
  }

  root(kind: DocumentKind): Schema {
    return this.schemas[kind] as Schema;
  }

  check(ctx: RuleContext): SchemaProblem[] {
    const kind = ctx.yaml.kind;
    if (!kind) return [];
    let data: unknown;
    try {
      data = ctx.yaml.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (err) {
      return [
        {
          keyword: 'alias',
          diagnostic: diagnostic(
            ctx.settings,
            'YAML',
            'error',
            ctx.file.index.range(0, 0),
            t(
              ctx.settings.locale,
              'This document cannot be expanded: {0}. Liftoff stops at {1} alias expansions to protect the editor from "billion laughs" documents.',
              (err as Error).message,
              MAX_ALIAS_EXPANSIONS,
            ),
          ),
        },
      ];
    }
    const validate = this.validator(kind);
    if (validate(data)) return [];
    return pickErrors(validate.errors ?? []).map((e) => ({
      keyword: e.keyword,
      diagnostic: toDiagnostic(ctx, e, this.root(kind)),
    }));
  }
}

const SEVERITY = 'error';

function toDiagnostic(ctx: RuleContext, e: ErrorObject, root: Schema): LiftoffDiagnostic {
  const { index } = ctx.file;
  const contents = ctx.yaml.doc.contents as Node | null;
  const target = resolvePointer(contents, e.instancePath);
  const where = dotted(e.instancePath);
  const nodeRange = (n: Node | undefined): Range => {
    const r = n?.range;
    if (r) return index.range(r[0], r[1]);
    const k = ctx.yaml.root?.items[0]?.key as Node | undefined;
    return index.lineRange(index.positionAt(k?.range?.[0] ?? 0).line);
  };
  const l = ctx.settings.locale;
  const shown = (v: unknown) =>
    typeof v === 'string' ? `\`${v}\`` : v === null ? t(l, 'nothing') : `\`${JSON.stringify(v)}\``;
  const make = (range: Range, message: string, fix?: Fix) =>
    diagnostic(ctx.settings, 'SCHEMA', SEVERITY, range, message, fix);
  const parent = e.parentSchema as Schema | undefined;

  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const range = where ? nodeRange(target.keyNode ?? target.node) : nodeRange(undefined);
      return make(
        range,
        where ? t(l, '`{0}` is missing `{1}`.', where, missing) : t(l, 'Missing the required `{0}` section.', missing),
      );
    }
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const keyTarget = resolvePointer(contents, `${e.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      const range = nodeRange(keyTarget.keyNode);
      const allowed = Object.keys((parent?.properties as Schema | undefined) ?? {});
      const guess = suggestValue(extra, allowed)?.value;
      const near = guess !== undefined;
      return make(
        range,
        (where ? t(l, 'Unknown key `{0}` in `{1}`', extra, where) : t(l, 'Unknown key `{0}` at the top level', extra)) +
          (near ? t(l, '; did you mean `{0}`?', guess) : t(l, '. Allowed: {0}.', allowed.join(', '))),
        near ? { title: t(l, 'Rename to `{0}`', guess), edits: [{ range, newText: guess }] } : undefined,
      );
    }
    case 'enum':
    case 'const': {
      const allowed = (
        e.keyword === 'enum'
          ? (e.params as { allowedValues: unknown[] }).allowedValues
          : [(e.params as { allowedValue: unknown }).allowedValue]
      ).map(String);
      const range = nodeRange(target.node);
      const value = e.data;
      const alias = typeof value === 'string' ? canonicalEnumValue(where.replace(/\[\d+\]/g, ''), value) : undefined;
      if (alias) {
        return make(
          range,
          t(
            l,
            '`{0}` is the Chinese term for `{1}`: `{2}` takes the canonical English value.',
            String(value),
            alias,
            where,
          ),
          { title: t(l, 'Change to `{0}`', alias), edits: [{ range, newText: alias }] },
        );
      }
      // Only a plain typo of one value is suggested; a word of another meaning gets the list (suggest.ts).
      const synonyms = ctx.yaml.kind ? VOCABULARY[ctx.yaml.kind][schemaPath(e.instancePath)]?.synonyms : undefined;
      const suggestion = typeof value === 'string' ? suggestValue(value, allowed, synonyms) : undefined;
      const guess = suggestion?.value;
      const near = guess !== undefined;
      const spelled =
        suggestion && suggestion.spelling !== guess
          ? t(l, '`{0}` (read as `{1}`)', suggestion.spelling, guess)
          : `\`${guess}\``;
      const fix =
        near && isScalar(target.node)
          ? { title: t(l, 'Change to `{0}`', guess), edits: [{ range, newText: guess }] }
          : undefined;
      return make(
        range,
        t(
          l,
          '`{0}` must be {1}, found {2}',
          where,
          allowed.length === 1 ? `\`${allowed[0]}\`` : t(l, 'one of {0}', allowed.join(', ')),
          shown(value),
        ) + (near ? t(l, '; did you mean {0}?', spelled) : t(l, '.')),
        fix,
      );
    }
    case 'oneOf':
    case 'anyOf':
    case 'type':
    case 'pattern':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make(
        nodeRange(target.node),
        t(
          l,
          '`{0}` must be {1}, found {2}.',
          where || t(l, 'The document'),
          describe(parent ?? {}, root, l),
          shown(e.data),
        ),
      );
    default:
      return make(
        nodeRange(target.node),
        t(l, '`{0}` {1}.', where || t(l, 'The document'), e.message ?? t(l, 'is not valid')),
      );
  }
}

/** The schema path of an instance path: `/milestones/2/phase` → `milestones[].phase` (the vocabulary's keys). */
function schemaPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((a, p) => (/^\d+$/.test(p) ? `${a}[]` : a ? `${a}.${p}` : p), '');
}
