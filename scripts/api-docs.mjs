#!/usr/bin/env node
// Writes README.md's API reference (between <!-- api:start --> and <!-- api:end -->) from
// custom-elements.json, which `npm run analyze` generates from the components' JSDoc.
//
//   node scripts/api-docs.mjs           rewrite the README region (npm run docs analyzes first)
//   node scripts/api-docs.mjs --check   exit 1 if custom-elements.json is out of date with the
//                                       source, or README's region with custom-elements.json
//
// To change a table, edit the JSDoc in src/components/ and run `npm run docs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';
const README = join(root, 'README.md');
const MANIFEST = join(root, 'custom-elements.json');

// ---------------------------------------------------------------------------------------------
// Markdown

/** One table cell: one line, pipes escaped, and `<` outside code spans kept from becoming HTML. */
function cell(text) {
  if (text == null || text === '') return '—';
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

const code = (text) => (text == null || text === '' ? '' : `\`${text}\``);

/** A type as readers meet it: an unset option is simply absent, so `| undefined` is noise. */
const type = (t) => code(t?.text?.replace(/\s*\|\s*undefined\b/g, ''));

/** A default as written in the source: `'bottom'` → `bottom`; other literals stay as they are. */
function defaultValue(value) {
  if (value == null) return '';
  const quoted = /^(['"])([^'"]+)\1$/.exec(value);
  return code(quoted ? quoted[2] : value);
}

function table(headers, rows) {
  if (!rows.length) return [];
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

function elementSection(element) {
  const members = element.members ?? [];
  const attributeFields = new Set((element.attributes ?? []).map((attribute) => attribute.fieldName).filter(Boolean));
  const fields = members.filter((m) => m.kind === 'field' && !m.static && !attributeFields.has(m.name));
  const methods = members.filter((m) => m.kind === 'method' && !m.static);
  const fieldOf = (name) => members.find((m) => m.name === name);
  const lines = [`### \`<${element.tagName}>\``, ''];
  if (element.summary) lines.push(`**${cell(element.summary)}**`, '');
  if (element.description) lines.push(cell(element.description).replace(/\\\|/g, '|'), '');

  const attributes = (element.attributes ?? []).map((attribute) => {
    const field = attribute.fieldName ? fieldOf(attribute.fieldName) : undefined;
    return [
      code(attribute.name),
      code(attribute.fieldName),
      type(attribute.type ?? field?.type),
      defaultValue(attribute.default ?? field?.default),
      attribute.description ?? field?.description,
    ];
  });
  if (attributes.length)
    lines.push(
      '#### Attributes',
      '',
      ...table(['attribute', 'property', 'type', 'default', 'description'], attributes),
    );

  const properties = fields.map((field) => [
    code(field.name),
    type(field.type),
    field.readonly ? 'read-only' : defaultValue(field.default),
    field.description,
  ]);
  if (properties.length) {
    lines.push('#### Properties', '', 'Properties with no attribute.', '');
    lines.push(...table(['property', 'type', 'default', 'description'], properties));
  }

  const methodRows = methods.map((method) => {
    const parameters = (method.parameters ?? [])
      .map((p) => `${p.rest ? '...' : ''}${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`)
      .join(', ');
    return [code(`${method.name}(${parameters})`), code(method.return?.type?.text ?? 'void'), method.description];
  });
  if (methodRows.length) lines.push('#### Methods', '', ...table(['method', 'returns', 'description'], methodRows));

  const events = (element.events ?? []).map((event) => [code(event.name), code(event.type?.text), event.description]);
  if (events.length) lines.push('#### Events', '', ...table(['event', 'type', 'description'], events));

  const parts = (element.cssParts ?? []).map((part) => [code(part.name), part.description]);
  if (parts.length) lines.push('#### CSS parts', '', ...table(['part', 'description'], parts));

  const cssProperties = (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), p.description]);
  if (cssProperties.length) {
    lines.push(
      '#### CSS custom properties',
      '',
      ...table(['custom property', 'default', 'description'], cssProperties),
    );
  }
  return lines;
}

/** The README region's content, markers excluded. */
export function render(manifest) {
  const elements = manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => (a.tagName < b.tagName ? -1 : a.tagName > b.tagName ? 1 : 0));
  if (!elements.length) throw new Error('custom-elements.json declares no custom element');
  const lines = [
    '<!-- Generated by scripts/api-docs.mjs from custom-elements.json. Edit the JSDoc in src/components/ and run `npm run docs`. -->',
    '',
  ];
  for (const element of elements) lines.push(...elementSection(element));
  return `${lines.join('\n').trimEnd()}\n`;
}

function splitReadme(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md must contain ${START} and then ${END}, once each`);
  }
  const head = readme.slice(0, start + START.length);
  return { head, region: readme.slice(head.length, end), tail: readme.slice(end) };
}

// ---------------------------------------------------------------------------------------------
// The manifest, regenerated exactly as `npm run analyze` would, into a temporary directory

function freshManifest() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const [bin, command, ...args] = (pkg.scripts?.analyze ?? '').trim().split(/\s+/);
  if (bin !== 'cem' || command !== 'analyze')
    throw new Error('package.json\'s "analyze" script must be "cem analyze …"');
  const analyzerPackage = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/package.json');
  const cli = join(dirname(analyzerPackage), JSON.parse(readFileSync(analyzerPackage, 'utf8')).bin.cem);
  const out = mkdtempSync(join(tmpdir(), 'yinyom-cem-'));
  try {
    // The analyzer joins --outdir to the working directory, so it must be relative.
    const result = spawnSync(process.execPath, [cli, 'analyze', ...args, '--outdir', relative(root, out), '--quiet'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`the analyzer failed:\n${result.stderr || result.stdout}`);
    return readFileSync(join(out, 'custom-elements.json'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Parts a template names (`part="button accept-button"`) against the element's `@csspart` tags,
 * both ways. Reads the sources the manifest was made from: the folder of `src/x.ts` for `dist/x.js`.
 */
function partProblems(manifest) {
  const problems = [];
  for (const mod of manifest.modules) {
    for (const element of (mod.declarations ?? []).filter((d) => d.customElement && d.tagName)) {
      // An element's templates may live beside it (banner.template.ts…): read its whole folder.
      const folder = dirname(join(root, mod.path.replace(/^dist\//, 'src/')));
      const source = readdirSync(folder)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => readFileSync(join(folder, name), 'utf8'))
        .join('\n');
      const rendered = new Set(
        [...source.matchAll(/\bpart="([^"$]+)"/g)].flatMap((match) => match[1].trim().split(/\s+/)),
      );
      const documented = new Set((element.cssParts ?? []).map((part) => part.name));
      for (const name of rendered) {
        if (!documented.has(name))
          problems.push(`<${element.tagName}> renders part "${name}" but its JSDoc has no @csspart ${name}`);
      }
      for (const name of documented) {
        if (!rendered.has(name))
          problems.push(`<${element.tagName}> documents @csspart ${name} but renders no such part`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const check = process.argv.includes('--check');
  const manifestText = readFileSync(MANIFEST, 'utf8');
  const readme = readFileSync(README, 'utf8');
  const { head, region, tail } = splitReadme(readme);
  const expected = `\n${render(JSON.parse(manifestText))}`;

  if (!check) {
    if (region === expected) return console.log('README.md API reference is up to date.');
    writeFileSync(README, head + expected + tail);
    return console.log('README.md API reference written from custom-elements.json.');
  }

  const fresh = freshManifest();
  const problems = partProblems(JSON.parse(fresh));
  if (fresh !== manifestText) {
    problems.push('custom-elements.json is out of date with the JSDoc in src/components/: run npm run docs');
  }
  if (region !== expected) {
    const have = region.split('\n');
    const want = expected.split('\n');
    const first = want.findIndex((text, i) => text !== have[i]);
    const line = first < 0 ? want.length : first;
    const at = head.split('\n').length + line;
    problems.push(
      'README API tables are out of date: run npm run docs\n' +
        `  first difference at README.md:${at}\n  README:    ${have[line] ?? '(end of region)'}\n  generated: ${want[line] ?? '(end of region)'}`,
    );
  }
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json and README.md API reference are up to date.');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`api-docs: ${error.message}`);
    process.exitCode = 1;
  }
}
