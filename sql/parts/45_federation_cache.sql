-- Federated lookups: the per-source cache with a TTL (docs/federation.md,
-- "The cache"). Off by default: nothing of an answer is kept at a consumer
-- unless an administrator sets a TTL for that source. When set, the lookups
-- (after their authorisation and repertorium checks) serve subjects whose
-- cached document is younger than the TTL from oslo.source_cache, fetch the
-- rest from the source and store those answers. The TTL is enforced when
-- reading (the current TTL, against the time the answer arrived), so a
-- shortened or removed TTL takes effect at once; expired entries of a concept
-- are deleted by the next lookup of that concept, by oslo.source_cache_configure
-- and by oslo.source_cache_purge.

-- Which remote source may be cached, and for how long. pg_dump keeps it.
CREATE TABLE oslo.source_cache_config (
	concept text NOT NULL,
	entity text NOT NULL REFERENCES oslo.entity (name) ON UPDATE CASCADE ON DELETE CASCADE,
	ttl interval NOT NULL CHECK (ttl > interval '0'),
	configured_by text NOT NULL DEFAULT session_user,
	configured_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (concept, entity)
);
COMMENT ON TABLE oslo.source_cache_config IS 'Federated lookups: the sources whose answers a consumer may keep, and for how long (TTL); no row, no cache';
REVOKE ALL ON oslo.source_cache_config FROM PUBLIC;
GRANT SELECT ON oslo.source_cache_config TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON oslo.source_cache_config TO oslo_admin;
SELECT pg_catalog.pg_extension_config_dump('oslo.source_cache_config', '');

-- The cached answers, per concept, purpose and subject: an answer obtained
-- for one purpose is never served for another (the source decided for that
-- purpose). Personal data: only the extension's owner (the lookups, SECURITY
-- DEFINER) reads or writes the documents. oslo_admin sees what is held about
-- whom and since when (oslo.source_cache_entries) and may delete, but may
-- neither read the documents nor write entries that lookups would serve.
-- reference is the consultation that fetched the answer (the source logged
-- it under that reference). pg_dump does not keep the rows: a cache.
CREATE TABLE oslo.source_cache (
	concept text NOT NULL,
	purpose text NOT NULL,
	subject_key text NOT NULL,
	entity text NOT NULL,
	document jsonb NOT NULL,
	cached_at timestamptz NOT NULL,
	reference uuid NOT NULL,
	PRIMARY KEY (concept, purpose, subject_key)
);
COMMENT ON TABLE oslo.source_cache IS 'Federated lookups: answers kept for the TTL of their source (oslo.source_cache_config); documents readable only through the lookups';
CREATE INDEX source_cache_age ON oslo.source_cache (concept, cached_at);
REVOKE ALL ON oslo.source_cache FROM PUBLIC;
GRANT SELECT (concept, purpose, subject_key, entity, cached_at, reference), DELETE ON oslo.source_cache TO oslo_admin;

-- What the cache holds, without the documents, with each entry's expiry
-- under the current TTL (NULL and expired when the source has no TTL now).
CREATE VIEW oslo.source_cache_entries AS
SELECT c.concept, c.purpose, c.subject_key, c.entity, c.cached_at, c.cached_at + cfg.ttl AS expires_at,
       cfg.ttl IS NULL OR c.cached_at + cfg.ttl <= pg_catalog.now() AS expired, c.reference
FROM oslo.source_cache c
LEFT JOIN oslo.source_cache_config cfg ON cfg.concept = c.concept AND cfg.entity = c.entity;
COMMENT ON VIEW oslo.source_cache_entries IS 'Federated lookups: the cached answers (concept, purpose, subject, source, when fetched, when they expire), never the documents';
REVOKE ALL ON oslo.source_cache_entries FROM PUBLIC;
GRANT SELECT ON oslo.source_cache_entries TO oslo_admin;

-- Set, change or remove (ttl NULL or 0) the TTL of a remote source. Entries
-- that are expired under the new TTL, or all of them when the cache is
-- turned off, are deleted at once. Not SECURITY DEFINER: oslo_admin's rights.
CREATE FUNCTION oslo.source_cache_configure(concept text, entity text, ttl interval)
	RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	is_local boolean;
	n bigint;
BEGIN
	IF source_cache_configure.concept IS NULL OR source_cache_configure.entity IS NULL THEN
		RAISE EXCEPTION 'oslo.source_cache_configure: concept and entity must be given'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF source_cache_configure.ttl < interval '0' THEN
		RAISE EXCEPTION 'oslo.source_cache_configure: the TTL % is negative', source_cache_configure.ttl
			USING ERRCODE = 'invalid_parameter_value', HINT = 'NULL or 0 turns the cache off.';
	END IF;
	SELECT e.local INTO is_local FROM oslo.entity e WHERE e.name = source_cache_configure.entity;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown entity "%"', source_cache_configure.entity
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Register it with oslo.entity_register(name, server).';
	END IF;
	IF is_local THEN
		RAISE EXCEPTION 'entity "%" is this database: its lookups read the published view, there is nothing to cache',
			source_cache_configure.entity
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF source_cache_configure.ttl IS NULL OR source_cache_configure.ttl = interval '0' THEN
		DELETE FROM oslo.source_cache_config c
		WHERE c.concept = source_cache_configure.concept AND c.entity = source_cache_configure.entity;
		DELETE FROM oslo.source_cache c
		WHERE c.concept = source_cache_configure.concept AND c.entity = source_cache_configure.entity;
		GET DIAGNOSTICS n = ROW_COUNT;
		RETURN n;
	END IF;
	IF NOT EXISTS (SELECT FROM oslo.authentic_source s
	               WHERE s.concept = source_cache_configure.concept AND s.entity = source_cache_configure.entity) THEN
		RAISE EXCEPTION 'entity "%" is not the authentic source of concept "%" here', source_cache_configure.entity,
			source_cache_configure.concept
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Attach it first: oslo.source_attach(concept, entity).';
	END IF;
	INSERT INTO oslo.source_cache_config AS c (concept, entity, ttl)
	VALUES (source_cache_configure.concept, source_cache_configure.entity, source_cache_configure.ttl)
	ON CONFLICT ON CONSTRAINT source_cache_config_pkey DO UPDATE
		SET ttl = EXCLUDED.ttl, configured_by = EXCLUDED.configured_by, configured_at = EXCLUDED.configured_at;
	DELETE FROM oslo.source_cache c
	WHERE c.concept = source_cache_configure.concept
	  AND (c.entity <> source_cache_configure.entity OR c.cached_at + source_cache_configure.ttl <= pg_catalog.now());
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $fn$;
COMMENT ON FUNCTION oslo.source_cache_configure(text, text, interval) IS 'Set the TTL of the answers a consumer may keep from a remote source (NULL or 0: no cache); returns how many cached entries it deleted';

-- Delete cached answers: all, of one concept, of one subject (of every
-- concept when concept is NULL), or only the expired ones.
CREATE FUNCTION oslo.source_cache_purge(concept text DEFAULT NULL, subject_key text DEFAULT NULL,
                                        expired_only boolean DEFAULT false)
	RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	n bigint;
BEGIN
	DELETE FROM oslo.source_cache c
	WHERE (source_cache_purge.concept IS NULL OR c.concept = source_cache_purge.concept)
	  AND (source_cache_purge.subject_key IS NULL OR c.subject_key = source_cache_purge.subject_key)
	  AND (NOT coalesce(source_cache_purge.expired_only, false)
	       OR NOT EXISTS (SELECT FROM oslo.source_cache_config cfg
	                      WHERE cfg.concept = c.concept AND cfg.entity = c.entity
	                        AND c.cached_at + cfg.ttl > pg_catalog.now()));
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $fn$;
COMMENT ON FUNCTION oslo.source_cache_purge(text, text, boolean) IS 'Delete cached answers of federated lookups (all, a concept, a subject, or only the expired); returns how many';

-- One row per configured source and per concept with entries: the TTL and
-- how many entries are fresh or expired.
CREATE FUNCTION oslo.source_cache_status()
	RETURNS TABLE (concept text, entity text, ttl interval, entries bigint, fresh bigint, expired bigint,
	               oldest timestamptz, newest timestamptz)
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT coalesce(cfg.concept, e.concept), coalesce(cfg.entity, e.entity), cfg.ttl,
	       coalesce(e.entries, 0), coalesce(e.fresh, 0), coalesce(e.entries - e.fresh, 0), e.oldest, e.newest
	FROM oslo.source_cache_config cfg
	FULL JOIN (SELECT x.concept, x.entity, pg_catalog.count(*) AS entries,
	                  pg_catalog.count(*) FILTER (WHERE NOT x.expired) AS fresh,
	                  pg_catalog.min(x.cached_at) AS oldest, pg_catalog.max(x.cached_at) AS newest
	           FROM oslo.source_cache_entries x GROUP BY x.concept, x.entity) e
	       ON e.concept = cfg.concept AND e.entity = cfg.entity
	ORDER BY 1, 2
$fn$;
COMMENT ON FUNCTION oslo.source_cache_status() IS 'The cache of federated lookups per source: TTL, entries, fresh, expired, oldest and newest';

REVOKE ALL ON FUNCTION oslo.source_cache_configure(text, text, interval),
	oslo.source_cache_purge(text, text, boolean), oslo.source_cache_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.source_cache_configure(text, text, interval),
	oslo.source_cache_purge(text, text, boolean), oslo.source_cache_status() TO oslo_admin;
