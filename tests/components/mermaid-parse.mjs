// Parses a Mermaid diagram (stdin) with Mermaid's own parser and prints its nodes and edges as
// JSON; exits 1 with the parser's message when the text is not a valid diagram. Mermaid is ESM
// and browser-oriented: in Node its parse only needs DOMPurify to sanitize label text, which has
// no DOM here, so labels pass through as written.
import DOMPurify from "dompurify";

DOMPurify.addHook = () => undefined;
DOMPurify.sanitize = (s) => s;
const { default: mermaid } = await import("mermaid");

let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  await mermaid.parse(text, { suppressErrors: false });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  // Mermaid keeps entities such as #quot; encoded as "ﬂ°quot¶ß" until it renders: show them as written.
  const entities = (t) => String(t ?? "").replace(/ﬂ°(\w+)¶ß/g, "#$1;");
  const vertices = [...db.getVertices().values()].map((v) => ({ id: v.id, text: entities(v.text), type: v.type }));
  const edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, text: entities(e.text), type: e.type }));
  process.stdout.write(JSON.stringify({ type: diagram.type, vertices, edges }));
} catch (e) {
  process.stderr.write(String(e?.message ?? e));
  process.exit(1);
}
