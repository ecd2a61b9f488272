-- JSON-LD in, RDF through a registered RML mapping, compacted JSON-LD out
\set id random(1, 500)
SELECT oslo.jsonld_compact(
         oslo.jsonld_expand(jsonb_build_object('@context', jsonb_build_object('@vocab', 'https://example.org/ns#'),
                                               '@id', 'https://example.org/p/' || :id, 'naam', 'persoon ' || :id)),
         '{"@vocab": "https://example.org/ns#"}'),
       oslo.triple_count(oslo.rml_apply('soak-people', format('{"people": [{"id": %s, "name": "n%s"}]}', :id, :id)));
