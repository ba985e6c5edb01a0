// The article page: switch highlight layers and their facet values on and off, and show what
// a highlighted stretch is linked to when it is hovered or focused. The server renders the
// page with every layer shown; this script only recomputes the classes of each segment.

const marks = new Map(
  JSON.parse(document.getElementById("marks-data").textContent).map((mark) => [mark.id, mark]),
);
const form = document.getElementById("layers");
const popup = document.getElementById("popup");
const segments = Array.from(document.querySelectorAll("#article-text .seg[data-m]"));
const layerNames = {};
for (const box of form.querySelectorAll('input[name="layer"]')) {
  layerNames[box.value] = box.closest("label").textContent.replace(/\(\d+\)/, "").trim();
}

function cssToken(value) {
  return value.toLowerCase().replace(/[^a-z0-9_-]/g, "-");
}

function readSwitches() {
  const layers = new Set();
  const values = new Map(); // "layer.facet" -> Set of shown values
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    if (box.name === "layer") {
      if (box.checked) layers.add(box.value);
    } else {
      if (!values.has(box.name)) values.set(box.name, new Set());
      if (box.checked) values.get(box.name).add(box.value);
    }
  }
  return { layers, values };
}

function shown(mark, switches) {
  if (!switches.layers.has(mark.layer)) return false;
  for (const [facet, value] of Object.entries(mark.facets)) {
    const allowed = switches.values.get(`${mark.layer}.${facet}`);
    if (allowed && !allowed.has(value)) return false;
  }
  return true;
}

function markIds(segment) {
  return segment.dataset.m.split(" ");
}

// The same classes as the server's segment_classes, for the marks still shown.
function classesFor(visible) {
  const classes = ["seg"];
  for (const mark of visible) {
    const name = `l-${mark.layer}`;
    if (!classes.includes(name)) classes.push(name);
  }
  const contents = visible.filter((mark) => mark.layer === "content");
  if (contents.length) {
    classes.push(`st-${cssToken(contents[contents.length - 1].facets.stance)}`);
    if (contents.length > 1) classes.push("nested");
  }
  const entities = visible.filter((mark) => mark.layer === "entity");
  if (entities.length) classes.push(`ek-${cssToken(entities[entities.length - 1].facets.kind)}`);
  return classes;
}

function apply() {
  const switches = readSwitches();
  for (const box of form.querySelectorAll("fieldset.layer")) {
    const on = switches.layers.has(box.dataset.layer);
    for (const value of box.querySelectorAll(".facet input")) value.disabled = !on;
  }
  for (const segment of segments) {
    const visible = markIds(segment)
      .map((id) => marks.get(id))
      .filter((mark) => mark && shown(mark, switches));
    const classes = classesFor(visible);
    if (segment.classList.contains("at")) classes.push("at");
    if (!visible.length) classes.push("off");
    segment.className = classes.join(" ");
    // Only stretches that show something are stops for the Tab key.
    segment.tabIndex = visible.length ? 0 : -1;
  }
  hide();
}

function visibleMarks(segment) {
  const switches = readSwitches();
  return markIds(segment)
    .map((id) => marks.get(id))
    .filter((mark) => mark && shown(mark, switches));
}

let current = null;

function show(segment) {
  const visible = visibleMarks(segment);
  if (!visible.length) return hide();
  current = segment;
  popup.replaceChildren();
  const list = document.createElement("ul");
  for (const mark of visible) {
    const item = document.createElement("li");
    item.className = `pl pl-${mark.layer}`;
    item.style.marginLeft = `${Math.min(mark.nesting.length, 3) * 0.8}em`;
    const layer = document.createElement("span");
    layer.className = "pl-layer";
    layer.textContent = `${layerNames[mark.layer] ?? mark.layer}: `;
    item.append(layer, mark.line);
    list.append(item);
  }
  popup.append(list);
  const linked = visible.find((mark) => mark.entity_url);
  if (linked) {
    const hint = document.createElement("p");
    hint.className = "pl-hint";
    hint.textContent = "Enter opens the entity's page.";
    popup.append(hint);
  }
  popup.hidden = false;
  const box = segment.getBoundingClientRect();
  const width = Math.min(28 * 16, window.innerWidth - 16);
  popup.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
  popup.style.left = `${left + window.scrollX}px`;
  popup.style.top = `${box.bottom + window.scrollY + 6}px`;
  segment.setAttribute("aria-describedby", "popup");
  highlightStatements(visible);
}

function hide() {
  popup.hidden = true;
  if (current) current.removeAttribute("aria-describedby");
  current = null;
  highlightStatements([]);
}

function highlightStatements(visible) {
  const ids = new Set(visible.map((mark) => mark.attribution).filter(Boolean));
  for (const item of document.querySelectorAll(".statements li[data-attribution]")) {
    item.classList.toggle("current", ids.has(item.dataset.attribution));
  }
}

form.addEventListener("change", apply);
form.addEventListener("submit", (event) => event.preventDefault());
const text = document.getElementById("article-text");
text.addEventListener("mouseover", (event) => {
  const segment = event.target.closest(".seg[data-m]");
  if (segment && segment !== current) show(segment);
});
text.addEventListener("mouseleave", () => {
  if (current && document.activeElement !== current) hide();
});
text.addEventListener("focusin", (event) => {
  const segment = event.target.closest(".seg[data-m]");
  if (segment) show(segment);
});
text.addEventListener("focusout", () => hide());
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hide();
  const focused = document.activeElement?.closest?.("#article-text .seg[data-m]");
  if (event.key === "Enter" && focused) {
    const linked = visibleMarks(focused).find((mark) => mark.entity_url);
    if (linked) window.location.assign(linked.entity_url);
  }
});
apply();
const anchor = document.getElementById("at");
if (anchor && location.hash === "#at") anchor.focus({ preventScroll: false });
