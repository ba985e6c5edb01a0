// Builds the static files of the web pages into src/newsgraph/web/static/ (or the folder given
// as the first argument): the article and graph scripts, the style sheet, world.svg, the
// country outlines of the entity map drawn from Natural Earth (world-atlas) in longitude and
// negated latitude, so that the page can place a point without any map library, and
// countries.json, the bounding box of each country in the same degrees.
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
const bounds = {}; // ISO 3166-1 numeric code -> [west, south, east, north] in degrees
for (const country of countries) {
  const geometry = country.geometry;
  if (!geometry) continue;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const d = polygons.map((polygon) => polygon.map(ring).join("")).join("");
  // Each country can be drawn again on its own (<use href="world.svg#c250">) to highlight it.
  paths.push(country.id ? `<path id="c${country.id}" d="${d}"/>` : `<path d="${d}"/>`);
  if (country.id) {
    const points = polygons.flat(2);
    const lons = points.map(([lon]) => lon);
    const lats = points.map(([, lat]) => lat);
    bounds[country.id] = [lons, lats, lons, lats].map((values, index) =>
      Number((index < 2 ? Math.min(...values) : Math.max(...values)).toFixed(1)),
    );
  }
}
writeFileSync(join(out, "countries.json"), `${JSON.stringify(bounds)}\n`);
writeFileSync(
  join(out, "world.svg"),
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180">' +
    "<!-- Country outlines: Natural Earth 1:110m via world-atlas (public domain). -->" +
    '<g id="world" fill="#e7e2d3" stroke="#8f8a7a" stroke-width="0.12" stroke-linejoin="round">' +
    paths.join("") +
    "</g></svg>\n",
);
