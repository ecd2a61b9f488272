-- a MAGDA response to OSLO JSON-LD, then to N-Triples through the graph
\set id random(1, :ndocs)
SELECT length(oslo.magda_to_oslo(body)::text), oslo.triple_count(oslo.magda_to_graph(body))
FROM soak_response WHERE id = :id;
