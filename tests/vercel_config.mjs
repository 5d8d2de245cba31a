// Checks a vercel.json the way Vercel's own code does: `node tests/vercel_config.mjs FILE`.
// Prints {"errors": [...], "routes": N}. The routes are checked against @vercel/routing-utils'
// routesSchema (the JSON schema Vercel's CLI validates vercel.json's routes with) and compiled by
// its getTransformedRoutes (what a deployment does with them). The top-level keys are checked
// against the keys of Vercel's project configuration reference: no schema for the whole file
// ships in a package (openapi.vercel.sh is not reachable offline).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { routesSchema, getTransformedRoutes } = require("@vercel/routing-utils");
// The JSON-schema validator routing-utils itself depends on (its own pinned copy of ajv 6).
const Ajv = createRequire(require.resolve("@vercel/routing-utils"))("ajv");

const TOP_LEVEL = new Set([
  "$schema", "buildCommand", "bunVersion", "cleanUrls", "crons", "devCommand", "framework", "functions",
  "headers", "ignoreCommand", "images", "installCommand", "outputDirectory", "public", "redirects",
  "regions", "rewrites", "routes", "trailingSlash", "git", "github",
]);
// routes cannot be combined with these (Vercel refuses the file).
const NOT_WITH_ROUTES = ["headers", "redirects", "rewrites", "cleanUrls", "trailingSlash"];

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const errors = [];
for (const key of Object.keys(config)) if (!TOP_LEVEL.has(key)) errors.push(`unknown top-level key ${key}`);
if (config.routes) {
  for (const key of NOT_WITH_ROUTES) if (key in config) errors.push(`${key} cannot be used with routes`);
  const validate = new Ajv({ allErrors: true }).compile(routesSchema);
  if (!validate(config.routes)) for (const e of validate.errors) errors.push(`routes${e.dataPath} ${e.message}`);
}
const { routes, error } = getTransformedRoutes(config);
if (error) errors.push(...[].concat(error).map((e) => `${e.code}: ${e.message}`));
process.stdout.write(JSON.stringify({ errors, routes: routes ? routes.length : 0 }) + "\n");
