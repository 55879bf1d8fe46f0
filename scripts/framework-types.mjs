#!/usr/bin/env node
// Writes src/frameworks/attributes.ts, the attributes of <yinyom-consent> that the React
// ("yinyom/jsx") and Vue ("yinyom/vue") typings share, from custom-elements.json, which
// `npm run analyze` generates from the component's JSDoc and property types. One source of
// truth: the component. jsx.ts and vue.ts stay hand-written, as framework glue only.
//
//   node scripts/framework-types.mjs            rewrite src/frameworks/attributes.ts (npm run docs)
//   node scripts/framework-types.mjs --check    exit 1 if it is out of date with custom-elements.json
//   --manifest <file>  --out <file>             read or write (or check) other files than these two
//
// Each attribute keeps its name, its description and default (as JSDoc, which editors show) and
// its type: `Position | undefined` → `Position`, imported from the module of TYPE_MODULES that
// exports it. A type this cannot express (a name none of them exports, a generic, an object)
// is an error naming the attribute, never a silent `string`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TAG = 'yinyom-consent';
const MANIFEST = join(root, 'custom-elements.json');
const OUTPUT = join(root, 'src/frameworks/attributes.ts');
/** Where a named type in an attribute's type may come from, in this order. */
const TYPE_MODULES = ['src/core/config.ts', 'src/i18n/language.ts'];
/** The guard's type: the element's CONFIG_ATTRIBUTES, which the attributes must match exactly. */
const GUARD = { name: 'ConfigAttribute', module: 'src/core/config.ts' };
/** Types an attribute may take without an import. */
const KEYWORDS = new Set(['string', 'number', 'boolean', 'true', 'false', 'null']);

// ---------------------------------------------------------------------------------------------
// Types

/** `'a' | "b|c" | Position | undefined` → ["'a'", '"b|c"', 'Position', 'undefined']; `|` inside quotes stays. */
function unionMembers(text) {
  const members = [];
  let current = '';
  let quote = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '|') {
      members.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  members.push(current.trim());
  return members;
}

/**
 * The framework type of one attribute, and the named types it needs. `exported(name)` is the
 * module (of TYPE_MODULES) that exports the type `name`, or undefined.
 */
export function attributeType(attribute, exported) {
  const text = attribute.type?.text?.trim();
  const fail = (why) => {
    throw new Error(`attribute "${attribute.name}" of <${TAG}>: ${why}`);
  };
  if (!text) fail('the manifest gives it no type: give its property a type, or its @attr tag one ({string})');
  const names = [];
  const members = unionMembers(text).filter((member) => member !== 'undefined');
  if (!members.length) fail(`type "${text}" leaves nothing once undefined is removed`);
  for (const member of members) {
    if (KEYWORDS.has(member) || /^'[^'\\\n]*'$|^"[^"\\\n]*"$|^-?\d+(\.\d+)?$/.test(member)) continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(member)) {
      fail(
        `type "${text}": cannot turn "${member}" into a framework type (a union of string, number, boolean, literals and exported type names is what this handles)`,
      );
    }
    if (!exported(member)) {
      fail(
        `type "${text}": "${member}" is not a type that ${TYPE_MODULES.join(' or ')} exports. ` +
          'Export it from one of them, or add its module to TYPE_MODULES in scripts/framework-types.mjs.',
      );
    }
    names.push(member);
  }
  return {
    text: members.map((m) => (/^".*"$/.test(m) ? `'${m.slice(1, -1).replace(/'/g, "\\'")}'` : m)).join(' | '),
    names,
  };
}

/** A finder over TYPE_MODULES' source: name → module path, for types they declare and export. */
export function sourceExports(read = (path) => readFileSync(join(root, path), 'utf8')) {
  const sources = TYPE_MODULES.map((path) => [path, read(path)]);
  return (name) =>
    sources.find(([, source]) =>
      new RegExp(
        String.raw`^export\s+(?:declare\s+)?(?:type|interface|enum)\s+${name.replace(/\$/g, '\\$')}\b`,
        'm',
      ).test(source),
    )?.[0];
}

// ---------------------------------------------------------------------------------------------
// The file

/** A JSDoc block, indented by two spaces; a comment end inside the text is escaped. */
function jsdoc(lines) {
  const body = lines.flatMap((line) => line.split('\n')).map((line) => line.trimEnd().replace(/\*\//g, '*\\/'));
  if (!body.length) return [];
  if (body.length === 1) return [`  /** ${body[0]} */`];
  return ['  /**', ...body.map((line) => (line ? `   * ${line}` : '   *')), '   */'];
}

/** An attribute name as Vue camelizes it (its `camelize`): `policy-url` → `policyUrl`. */
export const camelize = (name) => name.replace(/-(\w)/g, (_, char) => char.toUpperCase());

const propertyKey = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** `../core/config.js` as src/frameworks/attributes.ts imports src/core/config.ts. */
const importPath = (module) => {
  const path = relative('src/frameworks', module).replace(/\\/g, '/').replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
};

/** The content of src/frameworks/attributes.ts for this manifest. */
export function render(manifest, exported = sourceExports()) {
  const elements = manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .filter((d) => d.customElement && d.tagName === TAG);
  if (elements.length !== 1)
    throw new Error(`custom-elements.json must declare <${TAG}> once, not ${elements.length} times`);
  const [element] = elements;
  if (!element.attributes?.length) throw new Error(`custom-elements.json gives <${TAG}> no attributes`);

  const imports = new Map([[GUARD.module, new Set([GUARD.name])]]);
  const kebab = [];
  const camel = [];
  const seen = new Map();
  for (const attribute of element.attributes) {
    const camelName = camelize(attribute.name);
    if (seen.has(camelName)) {
      throw new Error(
        `attributes "${seen.get(camelName)}" and "${attribute.name}" of <${TAG}> are the same attribute to Vue (${camelName})`,
      );
    }
    seen.set(camelName, attribute.name);
    const field = attribute.fieldName ? element.members?.find((m) => m.name === attribute.fieldName) : undefined;
    const { text, names } = attributeType({ ...attribute, type: attribute.type ?? field?.type }, exported);
    for (const name of names) {
      const module = exported(name);
      if (!imports.has(module)) imports.set(module, new Set());
      imports.get(module).add(name);
    }
    const description = attribute.description ?? field?.description ?? '';
    const defaultValue = attribute.default ?? field?.default;
    const deprecated = attribute.deprecated ?? field?.deprecated;
    const doc = jsdoc(
      [
        description,
        defaultValue != null && `@default ${defaultValue}`,
        deprecated && (typeof deprecated === 'string' ? `@deprecated ${deprecated}` : '@deprecated'),
      ].filter(Boolean),
    );
    kebab.push(...doc, `  ${propertyKey(attribute.name)}: ${text};`);
    camel.push(...doc, `  ${propertyKey(camelName)}: ${text};`);
  }

  const importLines = [...imports]
    .sort(([a], [b]) => TYPE_MODULES.indexOf(a) - TYPE_MODULES.indexOf(b))
    .map(([module, names]) => `import type { ${[...names].sort().join(', ')} } from '${importPath(module)}';`);

  return [
    '// Generated by scripts/framework-types.mjs from custom-elements.json: do not edit.',
    '// To change an attribute, edit its JSDoc or its property type in src/components/consent/ and run',
    '// `npm run docs`; test/node/framework-types.test.mjs fails while this file lags behind.',
    '//',
    '// Types only: the attributes of <yinyom-consent> as framework typings see them. Framework-free,',
    '// shared by the opt-in "yinyom/jsx" (React) and "yinyom/vue" entries.',
    ...importLines,
    '',
    `/** Every attribute \`<${TAG}>\` reads, with the values it accepts. */`,
    'export interface Attributes {',
    ...kebab,
    '}',
    '',
    '/**',
    " * The same attributes camelCased (`policy-url` → `policyUrl`), as Vue's template type checker",
    ' * looks them up: it camelizes an attribute before the lookup, so templates may use either spelling.',
    ' */',
    'export interface CamelCaseAttributes {',
    ...camel,
    '}',
    '',
    "// Fails to type-check when the attributes above and the element's CONFIG_ATTRIBUTES drift apart.",
    'type Exactly<T extends Record<ConfigAttribute, unknown> & Record<Exclude<keyof T, ConfigAttribute>, never>> = {',
    '  [K in keyof T]?: T[K];',
    '};',
    '',
    `/** The attributes of \`<${TAG}>\`, kebab-case as in HTML, all optional. */`,
    'export interface YinyomConsentAttributes extends Exactly<Attributes> {}',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  if (!process.argv[i + 1]) throw new Error(`${name} needs a file`);
  return resolve(process.argv[i + 1]);
}

/** A path as messages show it: relative to the repository when inside it. */
const shown = (path) => (relative(root, path).startsWith('..') ? path : relative(root, path));

function main() {
  const check = process.argv.includes('--check');
  const manifestPath = option('--manifest', MANIFEST);
  const out = option('--out', OUTPUT);
  const name = shown(out);
  const expected = render(JSON.parse(readFileSync(manifestPath, 'utf8')));
  let actual;
  try {
    actual = readFileSync(out, 'utf8');
  } catch {
    actual = undefined;
  }
  if (actual === expected) return console.log(`${name} is up to date.`);
  if (!check) {
    writeFileSync(out, expected);
    return console.log(`${name} written from ${shown(manifestPath)}.`);
  }
  const have = (actual ?? '').split('\n');
  const want = expected.split('\n');
  const first = want.findIndex((text, i) => text !== have[i]);
  const line = first < 0 ? want.length : first;
  console.error(
    `${name} is out of date with ${shown(manifestPath)}: run npm run docs (it is generated; do not edit it)\n` +
      `  first difference at ${name}:${line + 1}\n  file:      ${have[line] ?? '(end of file)'}\n  generated: ${want[line] ?? '(end of file)'}`,
  );
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(`framework-types: ${error.message}`);
    process.exitCode = 1;
  }
}
