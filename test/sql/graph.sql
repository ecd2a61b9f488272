-- oslo.graph: text I/O, RDF syntaxes, JSON-LD output, inspection, merge, isomorphism
CREATE EXTENSION IF NOT EXISTS oslo_interop;

-- the text form is N-Quads, printed sorted; language tags are lower-cased
SELECT '<http://e/b> <http://e/p> "2" .
<http://e/a> <http://e/p> "1"@NL-be .
_:x <http://e/p> <http://e/a> <http://e/g> .'::oslo.graph;

-- duplicates collapse; counts cover every graph of the dataset
SELECT oslo.triple_count('<http://e/a> <http://e/p> "1" .
<http://e/a> <http://e/p> "1" .
<http://e/a> <http://e/p> "1" <http://e/g> .');

-- N-Triples in and out, escapes kept
SELECT oslo.to_ntriples(oslo.graph_from_ntriples(
	'<http://e/s> <http://e/p> "line\nbreak \"quoted\" tab\t caf\u00E9" .'));

-- Turtle with a base and prefixes
SELECT oslo.to_ntriples(oslo.graph_from_turtle(
	'@prefix foaf: <http://xmlns.com/foaf/0.1/> .
	 <people/1> foaf:givenName "Jan"@nl ; foaf:age 42 ; foaf:knows [ foaf:givenName "Piet" ] .',
	'http://example.org/'));

SELECT oslo.to_turtle(oslo.graph_from_ntriples(
	'<http://example.org/p1> <http://xmlns.com/foaf/0.1/givenName> "Jan"@nl .
	 <http://example.org/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> .'),
	'{"foaf": "http://xmlns.com/foaf/0.1/", "ex": "http://example.org/"}');

-- JSON-LD: expanded form without a context, compacted with one
SELECT jsonb_pretty(oslo.to_jsonld(oslo.graph_from_ntriples(
	'<http://example.org/p1> <http://xmlns.com/foaf/0.1/givenName> "Jan"@nl .
	 <http://example.org/p1> <http://xmlns.com/foaf/0.1/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .')));

SELECT jsonb_pretty(oslo.to_jsonld(oslo.graph_from_ntriples(
	'<http://example.org/p1> <http://xmlns.com/foaf/0.1/givenName> "Jan" .
	 <http://example.org/p1> <http://xmlns.com/foaf/0.1/knows> _:k .
	 _:k <http://xmlns.com/foaf/0.1/givenName> "Piet" .'),
	'{"@context": {"foaf": "http://xmlns.com/foaf/0.1/",
	               "voornaam": {"@id": "foaf:givenName", "@container": "@set"},
	               "kent": {"@id": "foaf:knows"}}}'));

-- one row per statement
SELECT * FROM oslo.triples(oslo.graph_from_nquads(
	'<http://e/s> <http://e/p> "v"@en <http://e/g> .
	 _:b <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
	 <http://e/s> <http://e/q> _:b .'));

-- RDF merge keeps blank nodes of the two graphs apart
SELECT oslo.triple_count(oslo.graph_union(g, g)) AS with_blank,
       oslo.triple_count(oslo.graph_union(h, h)) AS ground
FROM (SELECT '_:a <http://e/p> "x" .'::oslo.graph AS g,
             '<http://e/a> <http://e/p> "x" .'::oslo.graph AS h) s;

SELECT oslo.to_nquads(oslo.graph_agg(g))
FROM (VALUES ('<http://e/a> <http://e/p> "1" .'::oslo.graph),
             ('<http://e/b> <http://e/p> "2" <http://e/g> .'),
             (NULL),
             ('<http://e/a> <http://e/p> "1" .')) v(g);
SELECT oslo.graph_agg(g) IS NULL AS empty_agg_is_null FROM (SELECT NULL::oslo.graph g WHERE false) s;

-- isomorphism ignores blank node labels, nothing else
SELECT oslo.isomorphic('_:a <http://e/p> _:b . _:b <http://e/p> _:a .',
                       '_:y <http://e/p> _:z . _:z <http://e/p> _:y .') AS two_cycle,
       oslo.isomorphic('_:a <http://e/p> _:b . _:b <http://e/p> _:a .',
                       '_:y <http://e/p> _:y . _:z <http://e/p> _:z .') AS cycle_vs_loops,
       oslo.isomorphic('<http://e/a> <http://e/p> "1" .',
                       '<http://e/a> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .') AS typed;

-- graphs are stored (and toasted) like any value
CREATE TABLE stored_graph (id int, g oslo.graph);
INSERT INTO stored_graph
SELECT 1, oslo.graph_from_ntriples(string_agg(format('<http://e/s%s> <http://e/p> "%s" .', i % 100, i), E'\n'))
FROM generate_series(1, 5000) i;
SELECT oslo.triple_count(g), pg_column_size(g) < 100000 AS compact FROM stored_graph;
SELECT count(*) FROM stored_graph, oslo.triples(g) t WHERE t.subject = 'http://e/s7';
DROP TABLE stored_graph;
