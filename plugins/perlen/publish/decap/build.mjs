// Builds the editor's Decap CMS from the ESM builds in node_modules (see
// perlen/publish/decap_bundle.py):
//   node build.mjs <blog folder> <output folder>
// writes <output>/site/ (decap-cms.js and the chunks it loads, for the
// site's /redaktion/) and <output>/validate.mjs (Decap's config check, for
// the build). esbuild gives the same bytes for the same inputs.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [project, out] = process.argv.slice(2).map((arg) => path.resolve(arg));
const esbuild = createRequire(path.join(project, "package.json"))("esbuild");
const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(project, "node_modules");

// Decap imports four functions of lodash/fp; the whole of it converts all of
// lodash when the page loads. Each from its own module converts only itself
// (an import of another one fails the build).
const FP = ["filter", "flow", "fromPairs", "map"];
const lodashFp = {
  name: "lodash-fp",
  setup(build) {
    build.onResolve({ filter: /^lodash\/fp$/ }, () => ({ path: "fp", namespace: "lodash-fp" }));
    build.onLoad({ filter: /.*/, namespace: "lodash-fp" }, () => ({
      contents: FP.map((name) => `export { default as ${name} } from "lodash/fp/${name}.js";`).join("\n"),
      resolveDir: project,
    }));
  },
};

// In the browser, Decap does not check the config against its schema: the
// build has (validate.js), and compiling the schema with Ajv took a third of
// the time before the sign-in appeared.
const SKIP_CHECK = [
  "import { validateConfig } from '../constants/configSchema';\n",
  "      validateConfig(mergedConfig);\n",
];
const skipCheck = {
  name: "skip-check",
  setup(build) {
    build.onLoad({ filter: /decap-cms-core[\\/]dist[\\/]esm[\\/]actions[\\/]config\.js$/ }, async (args) => {
      let text = await readFile(args.path, "utf8");
      for (const line of SKIP_CHECK) {
        if (!text.includes(line)) throw new Error(`${args.path}: "${line.trim()}" not found (Decap changed?)`);
        text = text.replace(line, "");
      }
      return { contents: text, loader: "js" };
    });
  },
};

// For the check in Node: Decap's modules create the editor's address
// history (in the hash of a browser's address) when loaded.
const memoryHistory = {
  name: "memory-history",
  setup(build) {
    build.onResolve({ filter: /^history$/ }, (args) =>
      args.namespace === "memory-history" ? undefined : { path: "history", namespace: "memory-history" },
    );
    build.onLoad({ filter: /.*/, namespace: "memory-history" }, () => ({
      contents: 'export * from "history"; export { createMemoryHistory as createHashHistory } from "history";',
      resolveDir: project,
    }));
  },
};

const common = {
  bundle: true,
  nodePaths: [modules],
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
};
await esbuild.build({
  ...common,
  entryPoints: [path.join(here, "entry.js")],
  platform: "browser",
  format: "esm",
  splitting: true,
  minify: true,
  legalComments: "linked",
  entryNames: "decap-cms",
  chunkNames: "decap-cms-[hash]",
  outdir: path.join(out, "site"),
  plugins: [lodashFp, skipCheck],
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(here, "validate.js")],
  platform: "node",
  format: "esm",
  outfile: path.join(out, "validate.mjs"),
  // Decap's ES modules, as in the browser (its "main" builds need a window).
  mainFields: ["module", "main"],
  plugins: [memoryHistory],
  // CommonJS inside an ES module needs `require`; Decap's modules, loaded
  // for the check, create an empty image with `window.URL` (Node has one).
  banner: {
    js: [
      'import { createRequire } from "node:module";',
      "const require = createRequire(import.meta.url);",
      "globalThis.window ??= globalThis;",
    ].join("\n"),
  },
});
