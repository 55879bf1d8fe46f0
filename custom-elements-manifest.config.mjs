// Configuration of @custom-elements-manifest/analyzer (`npm run analyze`), which writes
// custom-elements.json from the components' JSDoc. scripts/api-docs.mjs turns that file into
// README.md's API tables, and test/node/api-docs.test.mjs fails when either drifts.

/** `src/components/x.component.ts` (or the analyzer's `/src/components/x.component.js`) → `dist/components/x.component.js`. */
const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

/**
 * Keeps the manifest to the public API and points it at the published files:
 * - keeps `customElement` for classes with a tag only;
 * - drops private and protected members (Lit's `state: true` properties among them, which the
 *   Lit plugin would otherwise list as attributes); `@internal` ones the analyzer drops itself;
 * - rewrites module paths from src/*.ts to dist/*.js, the files the package ships;
 * - sorts modules by path, so that the output does not depend on the file system's order.
 */
function publicApiPlugin() {
  return {
    name: 'yinyom-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const declaration of mod.declarations ?? []) {
          // A base class with no tag of its own (ConsentAttributes) is not an element a page
          // can write: its members reach the manifest through the element that extends it.
          if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
          if (!declaration.members) continue;
          const hidden = new Set(
            declaration.members
              .filter(
                (member) =>
                  member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#'),
              )
              .map((member) => member.name),
          );
          declaration.members = declaration.members.filter((member) => !hidden.has(member.name));
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
          }
        }
        for (const exported of mod.exports ?? []) {
          if (exported.declaration?.module) exported.declaration.module = toDist(exported.declaration.module);
        }
      }
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publicApiPlugin()],
};
