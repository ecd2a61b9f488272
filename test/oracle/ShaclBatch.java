/*
 * ShaclBatch.java: Jena SHACL over many (shapes, data) pairs in one JVM, for
 * shacl_jena.sh (a JVM start per pair would cost ~3 s each). Reads lines
 * "SHAPES<TAB>DATA<TAB>OUT" on stdin and writes to OUT one line per result:
 * focus, path, source constraint component, severity (tab-separated, blank
 * nodes as "_", a predicate path as its IRI), or "ERROR<TAB>message" when
 * Jena refuses the shapes.
 */
import java.io.*;
import org.apache.jena.graph.*;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.*;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.path.*;

public class ShaclBatch {
	static String node(Node n) {
		if (n == null) return "";
		if (n.isBlank()) return "_";
		if (n.isURI()) return n.getURI();
		return n.getLiteralLexicalForm();
	}

	static String path(Path p) {
		if (p == null) return "";
		if (p instanceof P_Link) return ((P_Link) p).getNode().getURI();
		return p.toString();
	}

	public static void main(String[] args) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		for (String line; (line = in.readLine()) != null;) {
			String[] f = line.split("\t");
			try (PrintWriter out = new PrintWriter(new FileWriter(f[2]))) {
				try {
					Graph shapes = RDFDataMgr.loadGraph(f[0]);
					Graph data = RDFDataMgr.loadGraph(f[1]);
					ValidationReport r = ShaclValidator.get().validate(Shapes.parse(shapes), data);
					for (ReportEntry e : r.getEntries())
						out.println(node(e.focusNode()) + "\t" + path(e.resultPath()) + "\t"
						            + node(e.sourceConstraintComponent()) + "\t"
						            + node(e.severity().level()));
				} catch (Exception ex) {
					out.println("ERROR\t" + ex.getClass().getSimpleName());
				}
			}
		}
	}
}
