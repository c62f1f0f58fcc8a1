// Decap's own check of a config (its JSON schema, with the schemas of our
// widgets), run by the build on the config it writes:
//   node validate.mjs <config.json>
// The editor in the browser skips it (build.mjs): compiling that schema
// took a third of the time before the sign-in appeared.
import { readFileSync } from "node:fs";
import { validateConfig } from "decap-cms-core/dist/esm/constants/configSchema.js";
import { registerWidget } from "decap-cms-core/dist/esm/lib/registry.js";
import { SCHEMAS } from "./schemas.js";

for (const [name, schema] of Object.entries(SCHEMAS)) {
  registerWidget({ name, controlComponent: () => null, schema });
}
try {
  validateConfig(JSON.parse(readFileSync(process.argv[2], "utf8")));
} catch (error) {
  console.log(error.message); // stdout: only this, not what Decap logs
  process.exit(1);
}
