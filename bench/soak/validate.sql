-- a MAGDA person validated against a SHACL profile, and the report read
\set id random(1, :ndocs)
SELECT oslo.conforms(oslo.magda_to_graph(body), 'soak-persoon'),
       (SELECT count(*) FROM oslo.validation_results(oslo.magda_to_graph(body), 'soak-persoon'))
FROM soak_response WHERE id = :id;
