import {
  AST,
  ASTWithSource,
  Binary,
  BindingPipe,
  Interpolation,
  LiteralPrimitive,
  TmplAstBoundAttribute,
  TmplAstBoundText,
  TmplAstRecursiveVisitor,
  TmplAstText,
  TmplAstTextAttribute,
  parseTemplate,
  tmplAstVisitAll,
} from '@angular/compiler';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Reads the console's sources for the static i18n and theme checks (i18n-keys.spec.ts,
 * template-text.spec.ts, theme-colours.spec.ts): component templates parsed by Angular's own
 * template parser, TypeScript by the TypeScript parser. Test-only code.
 */

export const APP_DIR = join(__dirname, '..');
export const SRC_DIR = join(APP_DIR, '..');

/** Files under `dir` whose names end with one of `suffixes`, spec files and testing/ excluded. */
export function sourceFiles(dir: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testing') out.push(...sourceFiles(path, suffixes));
    } else if (suffixes.some((s) => e.name.endsWith(s)) && !e.name.endsWith('.spec.ts')) {
      out.push(path);
    }
  }
  return out.sort();
}

export function relativeToSrc(path: string): string {
  return relative(SRC_DIR, path);
}

export function parseTs(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** A component template: where it comes from and its text. */
export interface ComponentTemplate {
  file: string;
  text: string;
  /** Inline `template:` in a decorator, or `styles:` text (see componentStyles). */
  inline: boolean;
}

function decoratorProperty(file: ts.SourceFile, name: string): ts.Expression[] {
  const found: ts.Expression[] = [];
  walk(file, (n) => {
    if (!ts.isDecorator(n) || !ts.isCallExpression(n.expression)) return;
    const callee = n.expression.expression;
    if (!ts.isIdentifier(callee) || callee.text !== 'Component') return;
    const arg = n.expression.arguments[0];
    if (!arg || !ts.isObjectLiteralExpression(arg)) return;
    for (const p of arg.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) found.push(p.initializer);
    }
  });
  return found;
}

function literalText(e: ts.Expression): string | null {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : null;
}

/** Every component template of the app (inline ones and templateUrl files). */
export function componentTemplates(): ComponentTemplate[] {
  const out: ComponentTemplate[] = [];
  for (const path of sourceFiles(APP_DIR, ['.ts'])) {
    const file = parseTs(path);
    for (const e of decoratorProperty(file, 'template')) {
      const text = literalText(e);
      if (text !== null) out.push({ file: path, text, inline: true });
    }
    for (const e of decoratorProperty(file, 'templateUrl')) {
      const url = literalText(e);
      if (url !== null) {
        const html = join(dirname(path), url);
        out.push({ file: html, text: readFileSync(html, 'utf8'), inline: false });
      }
    }
  }
  return out;
}

/** Inline component styles (`styles:` strings) of the app, for the colour check. */
export function inlineComponentStyles(): ComponentTemplate[] {
  const out: ComponentTemplate[] = [];
  for (const path of sourceFiles(APP_DIR, ['.ts'])) {
    for (const e of decoratorProperty(parseTs(path), 'styles')) {
      const texts = ts.isArrayLiteralExpression(e) ? e.elements.map((x) => literalText(x)) : [literalText(e)];
      for (const text of texts) if (text !== null) out.push({ file: path, text, inline: true });
    }
  }
  return out;
}

/** Functions whose first argument is a translation key (core/i18n/i18n-message.ts, Transloco). */
const KEY_FUNCTIONS = new Set(['msg', 'tk', 'translate']);

/** Translation keys written in TypeScript: first argument of msg/tk/translate, 2nd and 3rd of plural. */
export function keysInTypeScript(): { file: string; key: string }[] {
  const out: { file: string; key: string }[] = [];
  for (const path of sourceFiles(APP_DIR, ['.ts'])) {
    walk(parseTs(path), (n) => {
      if (!ts.isCallExpression(n)) return;
      const callee = n.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const positions = KEY_FUNCTIONS.has(name) ? [0] : name === 'plural' ? [1, 2] : [];
      for (const i of positions) {
        const arg = n.arguments[i];
        const key = arg ? literalText(arg) : null;
        if (key !== null) out.push({ file: path, key });
      }
    });
  }
  return out;
}

/** A string literal in a template expression, with where it sits. */
export interface TemplateLiteral {
  value: string;
  /** Inside the key argument of a `transloco` pipe: a translation key. */
  isKey: boolean;
  /** An operand of a comparison (`phase() === 'waiting'`): a value, never shown. */
  compared: boolean;
}

const COMPARISONS = new Set(['==', '===', '!=', '!==']);

/** String literals of an expression, in order. */
export function expressionLiterals(ast: AST, isKey = false, compared = false): TemplateLiteral[] {
  if (ast instanceof ASTWithSource) return ast.ast ? expressionLiterals(ast.ast, isKey, compared) : [];
  if (ast instanceof LiteralPrimitive) return typeof ast.value === 'string' ? [{ value: ast.value, isKey, compared }] : [];
  if (ast instanceof BindingPipe) {
    const key = ast.name === 'transloco';
    return [
      ...expressionLiterals(ast.exp, isKey || key, compared),
      ...ast.args.flatMap((a) => expressionLiterals(a, isKey, compared)),
    ];
  }
  const isComparison = ast instanceof Binary && COMPARISONS.has(ast.operation);
  const out: TemplateLiteral[] = [];
  for (const [prop, value] of Object.entries(ast)) {
    if (prop.endsWith('Span') || prop === 'span') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child instanceof AST) out.push(...expressionLiterals(child, isKey, compared || isComparison));
    }
  }
  return out;
}

/** What a template shows: static text, interpolations, static and bound attributes. */
export interface TemplateParts {
  texts: string[];
  interpolations: Interpolation[];
  attributes: { name: string; value: string }[];
  bindings: { name: string; value: AST }[];
  errors: string[];
}

class PartsCollector extends TmplAstRecursiveVisitor {
  readonly parts: TemplateParts = { texts: [], interpolations: [], attributes: [], bindings: [], errors: [] };

  override visitText(text: TmplAstText): void {
    this.parts.texts.push(text.value);
  }

  override visitBoundText(text: TmplAstBoundText): void {
    const ast = text.value instanceof ASTWithSource ? text.value.ast : text.value;
    if (ast instanceof Interpolation) this.parts.interpolations.push(ast);
  }

  override visitTextAttribute(attribute: TmplAstTextAttribute): void {
    this.parts.attributes.push({ name: attribute.name, value: attribute.value });
  }

  override visitBoundAttribute(attribute: TmplAstBoundAttribute): void {
    this.parts.bindings.push({ name: attribute.name, value: attribute.value });
  }
}

export function templateParts(template: ComponentTemplate): TemplateParts {
  const parsed = parseTemplate(template.text, template.file, { preserveWhitespaces: false });
  const collector = new PartsCollector();
  tmplAstVisitAll(collector, parsed.nodes);
  collector.parts.errors = (parsed.errors ?? []).map((e) => e.toString());
  return collector.parts;
}
