// Builds the static files of the web pages into src/newsgraph/web/static/ (or the folder given
// as the first argument): the article and graph scripts, the style sheet, and world.svg, the
// country outlines of the entity map drawn from Natural Earth (world-atlas) in longitude and
// negated latitude, so that the page can place a point without any map library.
// The output depends on the sources and the locked packages only: a test rebuilds it and
// compares it with the committed files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "..", "src", "newsgraph", "web", "static"));
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: ["article.js", "graph.js", "newsgraph.css"].map((name) => join(here, "src", name)),
  outdir: out,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  legalComments: "eof",
  logLevel: "warning",
});

function ring(points) {
  // Break the outline where it wraps round the antimeridian instead of drawing across the map.
  let d = "";
  let previous = null;
  for (const [lon, lat] of points) {
    const jump = previous !== null && Math.abs(lon - previous) > 180;
    d += `${d === "" || jump ? "M" : "L"}${lon.toFixed(1)} ${(-lat).toFixed(1)}`;
    previous = lon;
  }
  return `${d}Z`;
}

const topology = JSON.parse(
  readFileSync(join(here, "node_modules", "world-atlas", "countries-110m.json"), "utf8"),
);
const countries = feature(topology, topology.objects.countries).features;
const paths = [];
for (const country of countries) {
  const geometry = country.geometry;
  if (!geometry) continue;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const d = polygons.map((polygon) => polygon.map(ring).join("")).join("");
  paths.push(`<path d="${d}"/>`);
}
writeFileSync(
  join(out, "world.svg"),
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180">' +
    "<!-- Country outlines: Natural Earth 1:110m via world-atlas (public domain). -->" +
    '<g fill="#e7e2d3" stroke="#8f8a7a" stroke-width="0.12" stroke-linejoin="round">' +
    paths.join("") +
    "</g></svg>\n",
);
