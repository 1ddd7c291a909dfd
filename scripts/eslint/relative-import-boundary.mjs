// ESLint rule `knm/relative-import-boundary`: a relative import must stay inside its own lib
// (libs/<lib>) or app (apps/<app>). Another lib is reached through its index (@knm/<lib>), the
// test harness through @test/harness, and nothing reaches into an app. Files outside libs/ and
// apps/ (test/, scripts/) are not checked.
import { dirname, relative, resolve, sep } from 'node:path';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports stay inside their own lib or app' },
    schema: [],
    messages: {
      escape: "'{{source}}' reaches out of {{unit}}: import a lib as @knm/<lib>, its test helpers as @knm/<lib>/testing, the harness as @test/harness",
    },
  },
  create(context) {
    const parts = relative(context.cwd, context.filename).split(sep);
    if ((parts[0] !== 'libs' && parts[0] !== 'apps') || parts.length < 3) return {};
    const unit = resolve(context.cwd, parts[0], parts[1]);
    const check = (node) => {
      const source = node.source && node.source.type === 'Literal' ? node.source.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(context.filename), source);
      if (target !== unit && !target.startsWith(unit + sep)) {
        context.report({ node: node.source, messageId: 'escape', data: { source, unit: `${parts[0]}/${parts[1]}` } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
