// The graph page: speakers, statements and entities drawn with cytoscape; a node or an edge
// leads to the page it names (an entity, or the article marked at the supporting characters).
import cytoscape from "cytoscape";

const elements = JSON.parse(document.getElementById("graph-data").textContent);
const stanceColours = {
  neutral: "#4a6fa5",
  assertive: "#b35c00",
  distancing: "#b3261e",
  question: "#6a3fa0",
};

const cy = cytoscape({
  container: document.getElementById("graph"),
  elements,
  wheelSensitivity: 0.3,
  layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 70 },
  style: [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 9,
        "text-wrap": "ellipsis",
        "text-max-width": 120,
        color: "#1b1b1b",
        "text-valign": "bottom",
        "text-margin-y": 3,
      },
    },
    { selector: 'node[role = "speaker"]', style: { shape: "ellipse", "background-color": "#1f4e8c", width: 22, height: 22, "font-weight": "bold" } },
    { selector: 'node[role = "statement"]', style: { shape: "round-rectangle", "background-color": "#9aa5b1", width: 12, height: 12, "font-size": 7 } },
    { selector: 'node[role = "entity"]', style: { shape: "diamond", "background-color": "#2e7d32", width: 18, height: 18 } },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "curve-style": "bezier",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.7,
        "line-color": (edge) => stanceColours[edge.data("stance")] ?? "#666",
        "target-arrow-color": (edge) => stanceColours[edge.data("stance")] ?? "#666",
      },
    },
    { selector: 'edge[relation = "about"]', style: { "line-style": "dashed" } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#000", width: 3 } },
  ],
});

cy.on("tap", "node, edge", (event) => {
  const href = event.target.data("href");
  if (href) window.location.assign(href);
});
window.newsgraphGraph = cy;
