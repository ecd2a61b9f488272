-- an only-once lookup at the authentic source (bench/soak.sh publishes the
-- MAGDA responses as concept persoon of a local entity): purpose binding,
-- repertorium check, transform at the source, consultation log rows
\set id random(1, :ndocs)
SELECT length(oslo.lookup('persoon', insz, 'soak-purpose')::text)
FROM soak_response WHERE id = :id;
