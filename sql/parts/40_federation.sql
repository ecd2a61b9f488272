-- Federated only-once lookups (docs/federation.md). Entities reach each
-- other through postgres_fdw foreign servers; the extension does not require
-- postgres_fdw (functions that need it say so). The source publishes a
-- security-barrier view that converts to OSLO and decides per purpose; a
-- consumer's foreign table points at that view, so only OSLO documents cross
-- the wire and the key filter travels as "= ANY ($1)".

-- Participating entities: this database (local) and the foreign servers
-- that reach the others.
CREATE TABLE oslo.entity (
	name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]*$'),
	server text,
	local boolean NOT NULL DEFAULT false,
	description text,
	CHECK (local OR server IS NOT NULL)
);
COMMENT ON TABLE oslo.entity IS 'Entities taking part in federated lookups: this database (local) and the postgres_fdw server reaching each other one';
CREATE UNIQUE INDEX entity_one_local ON oslo.entity ((true)) WHERE local;

-- Which entity is authentic for which concept, and the relation lookups read:
-- at a consumer the foreign table on the source's published view, at the
-- source the published view itself.
CREATE TABLE oslo.authentic_source (
	concept text PRIMARY KEY CHECK (concept ~ '^[a-z][a-z0-9_]*$'),
	entity text NOT NULL REFERENCES oslo.entity (name) ON UPDATE CASCADE,
	relation text NOT NULL,
	key_column text NOT NULL DEFAULT 'subject_key',
	format text NOT NULL CHECK (format IN ('magda', 'rml', 'oslo')),
	mapping text,
	origin text,
	request_relation text,
	description text
);
COMMENT ON TABLE oslo.authentic_source IS 'The authentic source of each concept: entity, relation read by lookups, key, and how rows become OSLO (magda, rml, oslo)';

-- Purpose binding: which application (a role; its members count) may consult
-- which concept for which purpose (hoedanigheid, e.g. an IPDC code), when.
CREATE TABLE oslo.authorization (
	application text NOT NULL,
	concept text NOT NULL,
	purpose text NOT NULL CHECK (purpose <> ''),
	valid tstzrange NOT NULL CHECK (NOT isempty(valid)),
	granted_by text NOT NULL DEFAULT session_user,
	granted_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oslo.authorization IS 'Purpose binding: application role, concept, purpose code and the period it is authorised';
CREATE INDEX authorization_lookup ON oslo.authorization (concept, purpose);

-- The repertorium: the subjects an application has a file on, per purpose
-- and period. Personal data: not readable by PUBLIC.
CREATE TABLE oslo.registration (
	application text NOT NULL,
	subject_key text NOT NULL,
	purpose text NOT NULL CHECK (purpose <> ''),
	valid tstzrange NOT NULL CHECK (NOT isempty(valid)),
	registered_by text NOT NULL DEFAULT session_user,
	registered_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oslo.registration IS 'The repertorium: subject keys an application registered for a purpose and period';
CREATE INDEX registration_lookup ON oslo.registration (subject_key, purpose);

-- One row per subject per consultation, at the consumer and at the source;
-- never the payload. Append-only: only the owner may change or delete rows.
CREATE TABLE oslo.consultation_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reference uuid NOT NULL,
	application text NOT NULL,
	db_user text NOT NULL,
	purpose text NOT NULL,
	concept text NOT NULL,
	subject_key text NOT NULL,
	source_entity text,
	side text NOT NULL CHECK (side IN ('consumer', 'source')),
	requested_at timestamptz NOT NULL,
	answered_at timestamptz,
	outcome text NOT NULL CHECK (outcome IN ('answered', 'not_found', 'refused', 'failed')),
	reason text
);
COMMENT ON TABLE oslo.consultation_log IS 'Who consulted which subject, for which purpose, when, with what outcome (never the payload); append-only';
CREATE INDEX consultation_log_subject ON oslo.consultation_log (subject_key, requested_at);

-- At the source: a consumer's batch announced before it is read (one row per
-- batch and concept, one round trip). Its trigger checks and logs every
-- subject in one statement; the published view then lets the announced rows
-- through without logging them again, row by row. The consumer's reference
-- reaches the source this way. Consumers may insert (reference, concept,
-- purpose, subject_keys) and nothing else; who and which transaction are
-- filled in here. A row matters only inside its transaction (the log keeps
-- what happened), so pg_dump does not keep them: restoring them would fire
-- the trigger and log the batches a second time.
CREATE TABLE oslo.source_request (
	reference uuid NOT NULL,
	concept text NOT NULL,
	purpose text NOT NULL,
	subject_keys text[] NOT NULL,
	db_user text NOT NULL DEFAULT session_user,
	txid bigint NOT NULL DEFAULT txid_current(),
	requested_at timestamptz NOT NULL DEFAULT statement_timestamp()
);
COMMENT ON TABLE oslo.source_request IS 'At a source: the batches consumers announced (reference, concept, purpose, keys), logged by a trigger';
CREATE INDEX source_request_txid ON oslo.source_request (txid);
ALTER TABLE oslo.consultation_log ENABLE ROW LEVEL SECURITY;
-- each application reads its own rows; oslo_admin (the auditor) reads all
CREATE POLICY consultation_log_own_rows ON oslo.consultation_log FOR SELECT TO PUBLIC
	USING (application = current_user OR db_user = current_user
	       OR EXISTS (SELECT FROM pg_catalog.pg_roles r
	                  WHERE r.rolname = application
	                    AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER'))
	       OR pg_catalog.pg_has_role(current_user, 'oslo_admin', 'MEMBER'));

REVOKE ALL ON oslo.entity, oslo.authentic_source, oslo.authorization, oslo.registration,
	oslo.consultation_log, oslo.source_request FROM PUBLIC;
GRANT SELECT ON oslo.entity, oslo.authentic_source TO PUBLIC;
GRANT SELECT ON oslo.consultation_log TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON oslo.entity, oslo.authentic_source,
	oslo.authorization, oslo.registration TO oslo_admin;
SELECT pg_catalog.pg_extension_config_dump('oslo.entity', '');
SELECT pg_catalog.pg_extension_config_dump('oslo.authentic_source', '');
SELECT pg_catalog.pg_extension_config_dump('oslo.authorization', '');
SELECT pg_catalog.pg_extension_config_dump('oslo.registration', '');
SELECT pg_catalog.pg_extension_config_dump('oslo.consultation_log', '');
SELECT pg_catalog.pg_extension_config_dump('oslo.consultation_log_id_seq', '');

-- Management ---------------------------------------------------------------

CREATE FUNCTION oslo.entity_register(name text, server text DEFAULT NULL, local boolean DEFAULT false,
                                     description text DEFAULT NULL)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
	IF entity_register.server IS NOT NULL AND NOT EXISTS (
		SELECT FROM pg_catalog.pg_foreign_server s WHERE s.srvname = entity_register.server) THEN
		RAISE EXCEPTION 'foreign server "%" does not exist', entity_register.server
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Create it first: CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw.';
	END IF;
	INSERT INTO oslo.entity AS e (name, server, local, description)
	VALUES (entity_register.name, entity_register.server, entity_register.local, entity_register.description)
	ON CONFLICT ON CONSTRAINT entity_pkey DO UPDATE
		SET server = EXCLUDED.server, local = EXCLUDED.local,
		    description = coalesce(EXCLUDED.description, e.description);
END $fn$;
COMMENT ON FUNCTION oslo.entity_register(text, text, boolean, text) IS 'Create or replace an entity: its foreign server, or local for this database';

CREATE FUNCTION oslo.authorize(application text, concept text, purpose text,
                               valid_from timestamptz DEFAULT now(), valid_until timestamptz DEFAULT NULL)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	published regclass;
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = authorize.application) THEN
		RAISE EXCEPTION 'application role "%" does not exist', authorize.application
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'An application is a database role; its members act for it.';
	END IF;
	IF authorize.purpose IS NULL OR authorize.purpose = '' OR authorize.concept IS NULL THEN
		RAISE EXCEPTION 'oslo.authorize: concept and purpose must be given'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO oslo.authorization (application, concept, purpose, valid)
	VALUES (authorize.application, authorize.concept, authorize.purpose,
	        pg_catalog.tstzrange(authorize.valid_from, authorize.valid_until));
	-- at the source: the consuming entity's role may read the published view (and only that)
	SELECT s.relation::regclass INTO published
	FROM oslo.authentic_source s JOIN oslo.entity e ON e.name = s.entity
	WHERE s.concept = authorize.concept AND e.local;
	IF published IS NOT NULL THEN
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA oslo_published TO %I', authorize.application);
		EXECUTE pg_catalog.format('GRANT SELECT ON %s TO %I', published, authorize.application);
		EXECUTE pg_catalog.format('GRANT INSERT (reference, concept, purpose, subject_keys) ON oslo.source_request TO %I',
		                          authorize.application);
	END IF;
END $fn$;
COMMENT ON FUNCTION oslo.authorize(text, text, text, timestamptz, timestamptz) IS 'Authorise an application role to consult a concept for a purpose during a period';

CREATE FUNCTION oslo.deauthorize(application text, concept text, purpose text)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	n integer;
	published regclass;
BEGIN
	-- the history stays: the period ends now
	UPDATE oslo.authorization a SET valid = pg_catalog.tstzrange(pg_catalog.lower(a.valid), pg_catalog.now())
	WHERE a.application = deauthorize.application AND a.concept = deauthorize.concept
	  AND a.purpose = deauthorize.purpose AND a.valid OPERATOR(pg_catalog.@>) pg_catalog.now()
	  AND pg_catalog.lower(a.valid) < pg_catalog.now();
	GET DIAGNOSTICS n = ROW_COUNT;
	DELETE FROM oslo.authorization a
	WHERE a.application = deauthorize.application AND a.concept = deauthorize.concept
	  AND a.purpose = deauthorize.purpose AND pg_catalog.lower(a.valid) >= pg_catalog.now();
	-- at the source: with no current or later authorisation left for the
	-- concept, the grants oslo.authorize gave go too (the view would answer
	-- nothing anyway; least privilege says the role should not even see it)
	SELECT s.relation::regclass INTO published
	FROM oslo.authentic_source s JOIN oslo.entity e ON e.name = s.entity
	WHERE s.concept = deauthorize.concept AND e.local;
	IF published IS NOT NULL AND NOT EXISTS (
		SELECT FROM oslo.authorization a
		WHERE a.application = deauthorize.application AND a.concept = deauthorize.concept
		  AND (pg_catalog.upper_inf(a.valid) OR pg_catalog.upper(a.valid) > pg_catalog.now()))
	   AND EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = deauthorize.application) THEN
		EXECUTE pg_catalog.format('REVOKE SELECT ON %s FROM %I', published, deauthorize.application);
		IF NOT EXISTS (
			SELECT FROM oslo.authorization a
			WHERE a.application = deauthorize.application
			  AND (pg_catalog.upper_inf(a.valid) OR pg_catalog.upper(a.valid) > pg_catalog.now())) THEN
			EXECUTE pg_catalog.format('REVOKE INSERT (reference, concept, purpose, subject_keys) ON oslo.source_request FROM %I',
			                          deauthorize.application);
		END IF;
	END IF;
	RETURN n;
END $fn$;
COMMENT ON FUNCTION oslo.deauthorize(text, text, text) IS 'End an application''s authorisations for a concept and purpose now; returns how many ended';

CREATE FUNCTION oslo.register(application text, subject_keys text[], purpose text,
                              valid_from timestamptz DEFAULT now(), valid_until timestamptz DEFAULT NULL)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	n integer;
BEGIN
	IF register.application IS NULL OR register.purpose IS NULL OR register.purpose = '' THEN
		RAISE EXCEPTION 'oslo.register: application and purpose must be given'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	INSERT INTO oslo.registration (application, subject_key, purpose, valid)
	SELECT DISTINCT register.application, k, register.purpose,
	       pg_catalog.tstzrange(register.valid_from, register.valid_until)
	FROM pg_catalog.unnest(register.subject_keys) k
	WHERE k IS NOT NULL;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $fn$;
COMMENT ON FUNCTION oslo.register(text, text[], text, timestamptz, timestamptz) IS 'Register subjects in an application''s repertorium for a purpose and period; returns how many';

CREATE FUNCTION oslo.unregister(application text, subject_keys text[], purpose text)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	n integer;
BEGIN
	UPDATE oslo.registration r SET valid = pg_catalog.tstzrange(pg_catalog.lower(r.valid), pg_catalog.now())
	WHERE r.application = unregister.application AND r.purpose = unregister.purpose
	  AND r.subject_key = ANY (unregister.subject_keys)
	  AND r.valid OPERATOR(pg_catalog.@>) pg_catalog.now() AND pg_catalog.lower(r.valid) < pg_catalog.now();
	GET DIAGNOSTICS n = ROW_COUNT;
	DELETE FROM oslo.registration r
	WHERE r.application = unregister.application AND r.purpose = unregister.purpose
	  AND r.subject_key = ANY (unregister.subject_keys) AND pg_catalog.lower(r.valid) >= pg_catalog.now();
	RETURN n;
END $fn$;
COMMENT ON FUNCTION oslo.unregister(text, text[], text) IS 'End the registration of subjects for a purpose now; returns how many ended';

-- The consultation log writer. Not SECURITY DEFINER and not for PUBLIC: the
-- lookup functions (SECURITY DEFINER) call it as the owner. autonomous rows
-- (refusals, failures) must outlive the error the caller raises next, and
-- only another connection commits apart from the failing transaction: a
-- background worker (extension/pg/autonomous_log.c) connects as the caller's
-- current user, the owner, and commits them. It runs one fixed INSERT with
-- these arguments as parameters. When no worker can run (no free slot), the
-- server log keeps the consultation instead.
CREATE FUNCTION oslo.consultation_log_autonomous(reference uuid, application text, db_user text, purpose text,
                                                 concept text, subject_keys text[], source_entity text,
                                                 side text, requested_at timestamptz, outcome text, reason text)
	RETURNS boolean AS 'MODULE_PATHNAME', 'oslo_consultation_log_autonomous' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION oslo.consultation_log_autonomous(uuid, text, text, text, text, text[], text, text, timestamptz, text, text) IS 'Internal: append consultation log rows in a transaction of their own, through a background worker; false when none could write them';
REVOKE ALL ON FUNCTION oslo.consultation_log_autonomous(uuid, text, text, text, text, text[], text, text, timestamptz, text, text) FROM PUBLIC;
-- like every internal function, for oslo_admin too: the worker connects as
-- the caller's current user, so a role that may not write the log gets a
-- WARNING and false, never rows
GRANT EXECUTE ON FUNCTION oslo.consultation_log_autonomous(uuid, text, text, text, text, text[], text, text, timestamptz, text, text) TO oslo_admin;

CREATE FUNCTION oslo.consultation_log_write(reference uuid, application text, purpose text, concept text,
                                            subject_keys text[], source_entity text, side text,
                                            requested_at timestamptz, outcome text, reason text,
                                            autonomous boolean DEFAULT false)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
	IF consultation_log_write.autonomous THEN
		IF oslo.consultation_log_autonomous(consultation_log_write.reference, consultation_log_write.application,
		                                    session_user, consultation_log_write.purpose,
		                                    consultation_log_write.concept, consultation_log_write.subject_keys,
		                                    consultation_log_write.source_entity, consultation_log_write.side,
		                                    consultation_log_write.requested_at, consultation_log_write.outcome,
		                                    consultation_log_write.reason) THEN
			RETURN;
		END IF;
		-- no worker wrote them: the server log keeps what the rollback will drop
		RAISE LOG 'oslo consultation % (not kept in oslo.consultation_log: no background worker could write it): application %, user %, purpose %, concept %, source %, % subjects, outcome %: %',
			consultation_log_write.reference, consultation_log_write.application, session_user,
			consultation_log_write.purpose, consultation_log_write.concept,
			consultation_log_write.source_entity,
			pg_catalog.cardinality(consultation_log_write.subject_keys),
			consultation_log_write.outcome, consultation_log_write.reason;
	END IF;
	INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept, subject_key,
	                                   source_entity, side, requested_at, answered_at, outcome, reason)
	SELECT consultation_log_write.reference, consultation_log_write.application, session_user,
	       consultation_log_write.purpose, consultation_log_write.concept, k,
	       consultation_log_write.source_entity, consultation_log_write.side,
	       consultation_log_write.requested_at, pg_catalog.clock_timestamp(),
	       consultation_log_write.outcome, consultation_log_write.reason
	FROM pg_catalog.unnest(consultation_log_write.subject_keys) AS k;
END $fn$;
COMMENT ON FUNCTION oslo.consultation_log_write(uuid, text, text, text, text[], text, text, timestamptz, text, text, boolean) IS 'Internal: append consultation log rows; autonomous: in their own transaction, through oslo.consultation_log_autonomous';
REVOKE ALL ON FUNCTION oslo.consultation_log_write(uuid, text, text, text, text[], text, text, timestamptz, text, text, boolean) FROM PUBLIC;

-- The application the session acts for: the first authorised role (by name)
-- the session user is a member of, for this concept and purpose, now.
CREATE FUNCTION oslo.authorised_application(concept text, purpose text)
	RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT a.application
	FROM oslo.authorization a JOIN pg_catalog.pg_roles r ON r.rolname = a.application
	WHERE a.concept = $1 AND a.purpose = $2
	  AND a.valid OPERATOR(pg_catalog.@>) pg_catalog.now()
	  AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
	ORDER BY a.application
	LIMIT 1
$fn$;
COMMENT ON FUNCTION oslo.authorised_application(text, text) IS 'Internal: the application role the session user is authorised as for a concept and purpose, or NULL';

-- Source side ----------------------------------------------------------------

-- Called by the published views, once per candidate row, as the consuming
-- entity's role: logs at the source and lets the row through when allowed.
-- The view computes allowed once per purpose (the test of
-- oslo.authorised_application, written inline so that it reads
-- oslo.authorization with the view owner's rights); the log names the
-- session user, so a role calling this directly can only write rows about
-- itself. SECURITY DEFINER: the consumer cannot write the
-- log table. LANGUAGE sql: it runs for every row of a batch.
CREATE FUNCTION oslo.source_log(concept text, subject_key text, purpose text, allowed boolean, source_entity text)
	RETURNS boolean LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp COST 10 AS $fn$
	INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept, subject_key,
	                                   source_entity, side, requested_at, answered_at, outcome, reason)
	VALUES (pg_catalog.md5(pg_catalog.txid_current()::text || pg_catalog.statement_timestamp()::text)::uuid,
	        session_user, session_user, $3, $1, $2, $5, 'source', pg_catalog.statement_timestamp(),
	        pg_catalog.clock_timestamp(), CASE WHEN $4 THEN 'answered' ELSE 'refused' END,
	        CASE WHEN $4 THEN NULL ELSE 'no authorisation at the source for this concept and purpose' END)
	RETURNING coalesce($4, false)
$fn$;
COMMENT ON FUNCTION oslo.source_log(text, text, text, boolean, text) IS 'Used by published views: logs one consultation at the source and returns whether the row may be answered';
GRANT EXECUTE ON FUNCTION oslo.source_log(text, text, text, boolean, text) TO PUBLIC;

-- The trigger of oslo.source_request: one log row per announced subject, in
-- one statement: answered (allowed and held here), not_found, or refused.
CREATE FUNCTION oslo.source_request_log() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	here text;
	raw_relation regclass;
	raw_key text;
	allowed boolean;
	held text[] := '{}';
BEGIN
	SELECT e.name INTO here FROM oslo.entity e WHERE e.local;
	SELECT pg_catalog.to_regclass(s.origin), s.key_column INTO raw_relation, raw_key
	FROM oslo.authentic_source s JOIN oslo.entity e ON e.name = s.entity AND e.local
	WHERE s.concept = NEW.concept;
	allowed := raw_relation IS NOT NULL AND oslo.authorised_application(NEW.concept, NEW.purpose) IS NOT NULL;
	IF allowed THEN
		EXECUTE pg_catalog.format('SELECT coalesce(pg_catalog.array_agg(r.%I::text), ''{}'') FROM %s r WHERE r.%I::text = ANY ($1)',
		                          raw_key, raw_relation, raw_key)
			INTO held USING NEW.subject_keys;
	END IF;
	INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept, subject_key,
	                                   source_entity, side, requested_at, answered_at, outcome, reason)
	SELECT NEW.reference, session_user, session_user, NEW.purpose, NEW.concept, k.k, here, 'source',
	       NEW.requested_at, pg_catalog.clock_timestamp(),
	       CASE WHEN NOT allowed THEN 'refused' WHEN h.h IS NULL THEN 'not_found' ELSE 'answered' END,
	       CASE WHEN raw_relation IS NULL THEN 'the concept is not published here'
	            WHEN NOT allowed THEN 'no authorisation at the source for this concept and purpose' END
	FROM (SELECT DISTINCT u FROM pg_catalog.unnest(NEW.subject_keys) u WHERE u IS NOT NULL) k(k)
	LEFT JOIN (SELECT DISTINCT x FROM pg_catalog.unnest(held) x) h(h) ON h.h = k.k;
	RETURN NULL;
END $fn$;
COMMENT ON FUNCTION oslo.source_request_log() IS 'Trigger of oslo.source_request: logs every subject of an announced batch at the source';
REVOKE ALL ON FUNCTION oslo.source_request_log() FROM PUBLIC;
-- Deferred to the commit of the announcing transaction: the rows it writes
-- are the same and commit or roll back with the answer, but a consumer's
-- announcement returns at once, and with parallel_commit on the consumer's
-- foreign servers the sources of a batch write their log rows at the same
-- time instead of one after the other before the batch is read.
CREATE CONSTRAINT TRIGGER source_request_logged AFTER INSERT ON oslo.source_request
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION oslo.source_request_log();

REVOKE ALL ON FUNCTION oslo.authorised_application(text, text) FROM PUBLIC;

CREATE FUNCTION oslo.publish(concept text, relation regclass, key_column text, format text,
                             document_column text DEFAULT NULL, mapping text DEFAULT NULL)
	RETURNS regclass LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	here text;
	transform text;
	view_name text := pg_catalog.format('oslo_published.%I', publish.concept);
BEGIN
	IF publish.concept IS NULL OR publish.concept !~ '^[a-z][a-z0-9_]*$' THEN
		RAISE EXCEPTION 'concept "%" is not a lower-case name such as persoon or organisatie', publish.concept
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT e.name INTO here FROM oslo.entity e WHERE e.local;
	IF here IS NULL THEN
		RAISE EXCEPTION 'this database has no local entity'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Register it first: SELECT oslo.entity_register(''name'', local => true).';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = publish.relation
	               AND a.attname = publish.key_column AND a.attnum > 0 AND NOT a.attisdropped) THEN
		RAISE EXCEPTION 'relation % has no column "%"', publish.relation, publish.key_column
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- consumers ask for key::text = ANY (...): a key of another type is found
	-- through an index only when one is built on that expression
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = publish.relation
	               AND a.attname = publish.key_column AND a.atttypid IN ('text'::regtype, 'varchar'::regtype))
	   AND NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indrelid = publish.relation
	                   AND pg_catalog.strpos(pg_catalog.pg_get_indexdef(i.indexrelid),
	                                         pg_catalog.format('((%I)::text)', publish.key_column)) > 0) THEN
		RAISE NOTICE 'the key column "%" of % is not text: every batch will read the whole relation',
			publish.key_column, publish.relation
			USING HINT = pg_catalog.format('CREATE INDEX ON %s ((%I::text));', publish.relation, publish.key_column);
	END IF;
	IF publish.format IN ('magda', 'oslo') AND NOT EXISTS (
		SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = publish.relation
		AND a.attname = publish.document_column AND a.attnum > 0 AND NOT a.attisdropped) THEN
		RAISE EXCEPTION 'format % needs document_column, a column of %', publish.format, publish.relation
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	CASE publish.format
	WHEN 'magda' THEN
		-- what oslo.magda_to_oslo computes, kept as the JSON text it builds: the
		-- document leaves the source as text anyway (postgres_fdw), and the
		-- consumer's jsonb column parses it once; as jsonb it would be parsed
		-- here and printed again (about 20 ms per 1,000 persons). xml and text
		-- share their representation: the cast costs nothing.
		transform := pg_catalog.format('oslo.transform(r.%I::text, %L, %L)', publish.document_column,
		                               'magda', 'oslo-persoon-im');
	WHEN 'oslo' THEN
		transform := pg_catalog.format('r.%I::jsonb', publish.document_column);
	WHEN 'rml' THEN
		IF NOT EXISTS (SELECT FROM oslo.mapping m WHERE m.name = publish.mapping) THEN
			RAISE EXCEPTION 'format rml needs a registered mapping; "%" is not in oslo.mapping', publish.mapping
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		-- the row as a JSON object is the logical source (iterator "$")
		transform := pg_catalog.format('oslo.to_jsonld(oslo.rml_apply(%L, pg_catalog.row_to_json(r)::text))',
		                               publish.mapping);
	ELSE
		RAISE EXCEPTION 'unknown format "%": magda, rml or oslo', publish.format
			USING ERRCODE = 'invalid_parameter_value';
	END CASE;
	-- quietly: IF NOT EXISTS would say so in a NOTICE at every call
	IF pg_catalog.to_regnamespace('oslo_published') IS NULL THEN
		EXECUTE 'CREATE SCHEMA oslo_published';
	END IF;
	-- a view published with another document type (a magda view was jsonb
	-- before) cannot be replaced in place; its grants are given again below
	IF EXISTS (SELECT FROM pg_catalog.pg_attribute a
	           WHERE a.attrelid = pg_catalog.to_regclass(view_name) AND a.attname = 'document'
	             AND a.atttypid <> CASE publish.format WHEN 'magda' THEN 'text' ELSE 'jsonb' END::regtype) THEN
		EXECUTE pg_catalog.format('DROP VIEW %s', view_name);
	END IF;
	-- purposes: every purpose this source knows, so a consumer's request for one
	-- it is not authorised for reaches oslo.source_log and is logged as refused.
	-- A row announced in oslo.source_request by this session in this
	-- transaction is already logged (by that table's trigger): it is decided
	-- without the per-row logger. Both decisions are joins (hash joins built
	-- once per statement), not subqueries in the row filter: the planner
	-- costs such a subquery as if run for every row (about 20 per row), so a
	-- batch of 10,000 keys passed jit_above_cost and every announced read
	-- paid 40-60 ms of JIT compilation before its first row.
	EXECUTE pg_catalog.format(
		'CREATE OR REPLACE VIEW %s WITH (security_barrier) AS'
		' SELECT r.%I::text AS subject_key, p.purpose, %s AS document'
		' FROM %s r CROSS JOIN ('
		'   SELECT q.purpose, g.purpose IS NOT NULL AS allowed'
		'   FROM (SELECT DISTINCT a.purpose FROM oslo.authorization a) q'
		'   LEFT JOIN (SELECT DISTINCT a.purpose FROM oslo.authorization a JOIN pg_catalog.pg_roles ro ON ro.rolname = a.application'
		'     WHERE a.concept = %L AND a.valid OPERATOR(pg_catalog.@>) pg_catalog.now()'
		'       AND pg_catalog.pg_has_role(session_user, ro.oid, %L)) g ON g.purpose = q.purpose) p'
		' LEFT JOIN (SELECT DISTINCT k.k, sr.purpose FROM oslo.source_request sr, pg_catalog.unnest(sr.subject_keys) k(k)'
		'            WHERE sr.concept = %L AND sr.db_user = session_user'
		'              AND sr.txid = pg_catalog.txid_current_if_assigned()) announced'
		'        ON announced.k = r.%I::text AND announced.purpose = p.purpose'
		' WHERE CASE WHEN announced.k IS NOT NULL THEN p.allowed'
		'             ELSE oslo.source_log(%L, r.%I::text, p.purpose, p.allowed, %L) END',
		view_name, publish.key_column, transform, publish.relation, publish.concept, 'MEMBER',
		publish.concept, publish.key_column, publish.concept, publish.key_column, here);
	EXECUTE pg_catalog.format('REVOKE ALL ON %s FROM PUBLIC', view_name);
	EXECUTE pg_catalog.format('COMMENT ON VIEW %s IS %L', view_name,
		pg_catalog.format('oslo_interop published interface: %s as OSLO JSON-LD, rows only for authorised purposes',
		                  publish.concept));
	INSERT INTO oslo.authentic_source AS s (concept, entity, relation, key_column, format, mapping, origin,
	                                        request_relation)
	VALUES (publish.concept, here, view_name, publish.key_column, publish.format, publish.mapping,
	        publish.relation::text, 'oslo.source_request')
	ON CONFLICT ON CONSTRAINT authentic_source_pkey DO UPDATE
		SET entity = EXCLUDED.entity, relation = EXCLUDED.relation, key_column = EXCLUDED.key_column,
		    format = EXCLUDED.format, mapping = EXCLUDED.mapping, origin = EXCLUDED.origin,
		    request_relation = EXCLUDED.request_relation;
	-- roles already authorised here may read the new view
	DECLARE
		app text;
	BEGIN
		FOR app IN SELECT DISTINCT a.application FROM oslo.authorization a JOIN pg_catalog.pg_roles r
		           ON r.rolname = a.application WHERE a.concept = publish.concept LOOP
			EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA oslo_published TO %I', app);
			EXECUTE pg_catalog.format('GRANT SELECT ON %s TO %I', view_name, app);
			EXECUTE pg_catalog.format('GRANT INSERT (reference, concept, purpose, subject_keys) ON oslo.source_request TO %I', app);
		END LOOP;
	END;
	RETURN view_name::regclass;
END $fn$;
COMMENT ON FUNCTION oslo.publish(text, regclass, text, text, text, text) IS 'Publish a concept at its source: a security-barrier view oslo_published.<concept> that converts to OSLO and answers only authorised purposes';

-- Consumer side ------------------------------------------------------------

CREATE FUNCTION oslo.source_attach(concept text, entity text, remote_schema text DEFAULT 'oslo_published',
                                   remote_table text DEFAULT NULL)
	RETURNS regclass LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	srv text;
	is_local boolean;
	table_name text := pg_catalog.format('oslo_remote.%I', source_attach.concept);
	request_name text := pg_catalog.format('oslo_remote.%I', source_attach.concept || '_request');
BEGIN
	IF source_attach.concept IS NULL OR source_attach.concept !~ '^[a-z][a-z0-9_]*$' THEN
		RAISE EXCEPTION 'concept "%" is not a lower-case name such as persoon or organisatie', source_attach.concept
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT e.server, e.local INTO srv, is_local FROM oslo.entity e WHERE e.name = source_attach.entity;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown entity "%"', source_attach.entity
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Register it with oslo.entity_register(name, server).';
	END IF;
	IF is_local THEN
		RAISE EXCEPTION 'entity "%" is this database: publish the concept with oslo.publish instead', source_attach.entity
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension x WHERE x.extname = 'postgres_fdw') THEN
		RAISE EXCEPTION 'oslo.source_attach needs the postgres_fdw extension in this database'
			USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'CREATE EXTENSION postgres_fdw;';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w
	               ON w.oid = s.srvfdw WHERE s.srvname = srv AND w.fdwname = 'postgres_fdw') THEN
		RAISE EXCEPTION 'entity "%": server "%" is not a postgres_fdw server', source_attach.entity, srv
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- quietly: IF NOT EXISTS would say so in a NOTICE at every call
	IF pg_catalog.to_regnamespace('oslo_remote') IS NULL THEN
		EXECUTE 'CREATE SCHEMA oslo_remote';
	END IF;
	EXECUTE pg_catalog.format('DROP FOREIGN TABLE IF EXISTS %s', table_name);
	-- one FETCH brings a whole batch; async_capable lets an Append over
	-- several entities wait on all of them at once
	EXECUTE pg_catalog.format(
		'CREATE FOREIGN TABLE %s (subject_key text, purpose text, document jsonb) SERVER %I'
		' OPTIONS (schema_name %L, table_name %L, fetch_size %L, async_capable %L)',
		table_name, srv, source_attach.remote_schema, coalesce(source_attach.remote_table, source_attach.concept),
		'10000', 'true');
	EXECUTE pg_catalog.format('REVOKE ALL ON %s FROM PUBLIC', table_name);
	-- where a batch is announced at the source (oslo.source_request there)
	EXECUTE pg_catalog.format('DROP FOREIGN TABLE IF EXISTS %s', request_name);
	EXECUTE pg_catalog.format(
		'CREATE FOREIGN TABLE %s (reference uuid, concept text, purpose text, subject_keys text[]) SERVER %I'
		' OPTIONS (schema_name %L, table_name %L)', request_name, srv, 'oslo', 'source_request');
	EXECUTE pg_catalog.format('REVOKE ALL ON %s FROM PUBLIC', request_name);
	INSERT INTO oslo.authentic_source AS s (concept, entity, relation, key_column, format, origin, request_relation)
	VALUES (source_attach.concept, source_attach.entity, table_name, 'subject_key', 'oslo',
	        pg_catalog.format('%I.%I', source_attach.remote_schema,
	                          coalesce(source_attach.remote_table, source_attach.concept)),
	        request_name)
	ON CONFLICT ON CONSTRAINT authentic_source_pkey DO UPDATE
		SET entity = EXCLUDED.entity, relation = EXCLUDED.relation, key_column = EXCLUDED.key_column,
		    format = EXCLUDED.format, mapping = NULL, origin = EXCLUDED.origin,
		    request_relation = EXCLUDED.request_relation;
	RETURN table_name::regclass;
END $fn$;
COMMENT ON FUNCTION oslo.source_attach(text, text, text, text) IS 'Consume a concept from an entity: a postgres_fdw foreign table oslo_remote.<concept> on its published view';

-- Lookups --------------------------------------------------------------------

-- SECURITY DEFINER: the caller may not read the foreign tables nor write the
-- log; this function checks purpose binding and logs for it. The session
-- user is the identity (SECURITY DEFINER does not change it). All concepts
-- of a batch go out in one statement, a UNION ALL of the entities' foreign
-- tables, so postgres_fdw's async Append asks every entity at once. The
-- keys of every concept travel in one text[] parameter, each part taking its
-- slice (no jsonb round trip). Where a source has a TTL
-- (45_federation_cache.sql), fresh cached answers are served after the
-- checks and only the other subjects are asked of the source.
-- One concept's part of the statement oslo.lookup_batch sends and
-- oslo.lookup_explain explains, so that both are the same: its keys are
-- $1[first:last] and the purpose is $2, so the keys travel as one array
-- parameter per entity ("= ANY ($n)" at the source). A view published in
-- this database may give the document as JSON text (magda): hence ::jsonb.
CREATE FUNCTION oslo.lookup_statement_part(concept text, relation text, first integer, last integer)
	RETURNS text LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT pg_catalog.format(
		'SELECT %L::text AS concept, t.subject_key, t.document::jsonb AS document FROM %s t'
		' WHERE t.subject_key = ANY ((SELECT $1[%s:%s])::text[]) AND t.purpose = $2', $1, $2, $3, $4)
$fn$;
COMMENT ON FUNCTION oslo.lookup_statement_part(text, text, integer, integer) IS 'Internal: one concept''s part of the statement oslo.lookup_batch sends';
REVOKE ALL ON FUNCTION oslo.lookup_statement_part(text, text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.lookup_statement_part(text, text, integer, integer) TO oslo_admin;

CREATE FUNCTION oslo.lookup_batch(requests jsonb, purpose text)
	RETURNS TABLE (concept text, subject_key text, document jsonb)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp ROWS 1000 AS $fn$
#variable_conflict use_variable
DECLARE
	ref uuid := pg_catalog.gen_random_uuid();
	t0 timestamptz := pg_catalog.clock_timestamp();
	req record;
	keys text[];
	app text;
	missing text[];
	rel regclass;
	got record;
	-- one element per concept of the batch, in concept order
	c_name text[] := '{}';
	c_app text[] := '{}';
	c_entity text[] := '{}';
	c_server text[] := '{}';
	c_origin text[] := '{}';
	c_request text[] := '{}';
	c_remote text[] := '{}';
	c_rel text[] := '{}';
	c_ttl interval[] := '{}';
	c_from integer[] := '{}';    -- the concept's keys: all_keys[c_from[i] : c_from[i + 1] - 1]
	-- one element per subject of the batch
	all_keys text[] := '{}';
	key_concept text[] := '{}';
	-- asked of the sources (the subjects not served from the cache)
	fetch_keys text[] := '{}';
	fetch_bounds text[] := '{}';
	hit_keys text[];
	hit_docs jsonb[];
	hit_at timestamptz[];
	served_concepts text[] := '{}';
	served_keys text[] := '{}';
	served_at timestamptz[] := '{}';
	to_fetch text[];
	cached_concepts text[] := '{}';
	store_concepts text[] := '{}';
	store_keys text[] := '{}';
	store_docs jsonb[] := '{}';
	parts text[] := '{}';
	got_concepts text[] := '{}';
	got_keys text[] := '{}';
	i integer;
	n integer;
	st text;
	msg text;
	ctx text;
	failing text;
BEGIN
	IF requests IS NULL OR purpose IS NULL OR pg_catalog.jsonb_typeof(requests) <> 'object' THEN
		RAISE EXCEPTION 'oslo.lookup_batch: requests must be a JSON object {"concept": ["key", ...]} and purpose must not be NULL'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- every concept is checked before anything is asked of any entity or
	-- served from the cache
	FOR req IN
		SELECT r.key AS concept, s.entity, s.relation, e.server, e.local, s.origin, s.request_relation,
		       r.value AS wanted_keys, cfg.ttl
		FROM pg_catalog.jsonb_each(requests) r
		LEFT JOIN oslo.authentic_source s ON s.concept = r.key
		LEFT JOIN oslo.entity e ON e.name = s.entity
		LEFT JOIN oslo.source_cache_config cfg ON cfg.concept = s.concept AND cfg.entity = s.entity AND NOT e.local
		ORDER BY r.key
	LOOP
		IF req.entity IS NULL THEN
			RAISE EXCEPTION 'unknown concept "%": no authentic source is registered for it', req.concept
				USING ERRCODE = 'invalid_parameter_value',
				      HINT = 'oslo.source_attach(concept, entity) at a consumer, oslo.publish(...) at the source.';
		END IF;
		IF pg_catalog.jsonb_typeof(req.wanted_keys) <> 'array' THEN
			RAISE EXCEPTION 'oslo.lookup_batch: the subject keys of "%" must be a JSON array', req.concept
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		keys := ARRAY(SELECT DISTINCT k FROM pg_catalog.jsonb_array_elements_text(req.wanted_keys) k
		              WHERE k IS NOT NULL ORDER BY 1);
		rel := pg_catalog.to_regclass(req.relation);
		IF rel IS NULL THEN
			RAISE EXCEPTION 'concept "%": the relation % of entity "%" does not exist', req.concept, req.relation, req.entity
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		-- this function reads as its owner: only a foreign table on the entity's
		-- server, or a view published here, never any other table
		IF NOT EXISTS (
			SELECT FROM pg_catalog.pg_class c
			LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid
			LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver
			WHERE c.oid = rel
			  AND ((c.relkind = 'f' AND fs.srvname = req.server)
			       OR (c.relkind = 'v' AND c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n
			                                                 WHERE n.nspname = 'oslo_published')))) THEN
			RAISE EXCEPTION 'concept "%": % is neither a foreign table on the server of entity "%" nor a published view',
				req.concept, rel, req.entity
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		-- the table announcing the batch at the source: oslo.source_request here,
		-- or a foreign table on the entity's server
		IF req.request_relation IS NOT NULL AND NOT EXISTS (
			SELECT FROM pg_catalog.pg_class c
			LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid
			LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver
			WHERE c.oid = pg_catalog.to_regclass(req.request_relation)
			  AND ((c.relkind = 'f' AND fs.srvname = req.server) OR c.oid = 'oslo.source_request'::regclass)) THEN
			RAISE EXCEPTION 'concept "%": % is neither a foreign table on the server of entity "%" nor oslo.source_request',
				req.concept, req.request_relation, req.entity
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		app := oslo.authorised_application(req.concept, purpose);
		IF app IS NULL THEN
			PERFORM oslo.consultation_log_write(ref, session_user, purpose, req.concept, keys, req.entity, 'consumer',
				t0, 'refused', 'no authorisation for this concept and purpose', true);
			RAISE EXCEPTION 'not authorised: % may not consult concept "%" for purpose "%"', session_user, req.concept, purpose
				USING ERRCODE = 'insufficient_privilege',
				      HINT = 'An administrator authorises an application role with oslo.authorize(application, concept, purpose).';
		END IF;
		missing := ARRAY(
			SELECT k FROM pg_catalog.unnest(keys) k
			WHERE NOT EXISTS (SELECT FROM oslo.registration r
			                  WHERE r.subject_key = k AND r.purpose = purpose AND r.application = app
			                    AND r.valid OPERATOR(pg_catalog.@>) t0)
			ORDER BY 1);
		IF pg_catalog.cardinality(missing) > 0 THEN
			PERFORM oslo.consultation_log_write(ref, app, purpose, req.concept, keys, req.entity, 'consumer', t0,
				'refused', pg_catalog.format('%s subject(s) not registered for this purpose at %s, first %s',
				                             pg_catalog.cardinality(missing), t0, missing[1]), true);
			RAISE EXCEPTION 'not registered: subject % is not in the repertorium of % for purpose "%" at this date',
				missing[1], app, purpose
				USING ERRCODE = 'insufficient_privilege',
				      DETAIL = pg_catalog.format('%s of %s subjects are not registered for %s; nothing was consulted.',
				                                 pg_catalog.cardinality(missing), pg_catalog.cardinality(keys), t0),
				      HINT = 'Register them first: oslo.register(application, subject_keys, purpose).';
		END IF;
		c_name := pg_catalog.array_append(c_name, req.concept);
		c_app := pg_catalog.array_append(c_app, app);
		c_entity := pg_catalog.array_append(c_entity, req.entity);
		c_server := pg_catalog.array_append(c_server, req.server);
		c_origin := pg_catalog.array_append(c_origin, req.origin);
		c_request := pg_catalog.array_append(c_request, req.request_relation);
		-- the concept's name at the source: the published view's name
		c_remote := pg_catalog.array_append(c_remote,
			CASE WHEN req.local THEN req.concept ELSE (pg_catalog.parse_ident(req.origin))[2] END);
		c_rel := pg_catalog.array_append(c_rel, rel::text);
		c_ttl := pg_catalog.array_append(c_ttl, req.ttl);
		c_from := pg_catalog.array_append(c_from, pg_catalog.cardinality(all_keys) + 1);
		all_keys := all_keys OPERATOR(pg_catalog.||) keys;
		key_concept := key_concept OPERATOR(pg_catalog.||) pg_catalog.array_fill(req.concept, ARRAY[pg_catalog.cardinality(keys)]);
	END LOOP;
	n := pg_catalog.cardinality(c_name);
	IF n = 0 THEN
		RETURN;
	END IF;
	c_from := pg_catalog.array_append(c_from, pg_catalog.cardinality(all_keys) + 1);
	-- the cache (only where a TTL is configured for the source): fresh answers
	-- for this purpose are served, the rest is asked of the source
	FOR i IN 1 .. n LOOP
		keys := all_keys[c_from[i] : c_from[i + 1] - 1];
		to_fetch := keys;
		IF c_ttl[i] IS NOT NULL THEN
			cached_concepts := pg_catalog.array_append(cached_concepts, c_name[i]);
			-- expired entries are not kept
			DELETE FROM oslo.source_cache c
			WHERE c.concept = c_name[i] AND (c.cached_at <= t0 - c_ttl[i] OR c.entity <> c_entity[i]);
			SELECT coalesce(pg_catalog.array_agg(c.subject_key), '{}'), coalesce(pg_catalog.array_agg(c.document), '{}'),
			       coalesce(pg_catalog.array_agg(c.cached_at), '{}')
			INTO hit_keys, hit_docs, hit_at
			FROM oslo.source_cache c
			WHERE c.concept = c_name[i] AND c.purpose = purpose AND c.entity = c_entity[i]
			  AND c.subject_key = ANY (keys) AND c.cached_at > t0 - c_ttl[i];
			IF pg_catalog.cardinality(hit_keys) > 0 THEN
				RETURN QUERY SELECT c_name[i], u.k, u.d FROM ROWS FROM (pg_catalog.unnest(hit_keys), pg_catalog.unnest(hit_docs)) u(k, d);
				served_concepts := served_concepts OPERATOR(pg_catalog.||)
					pg_catalog.array_fill(c_name[i], ARRAY[pg_catalog.cardinality(hit_keys)]);
				served_keys := served_keys OPERATOR(pg_catalog.||) hit_keys;
				served_at := served_at OPERATOR(pg_catalog.||) hit_at;
				to_fetch := ARRAY(SELECT pg_catalog.unnest(keys) EXCEPT SELECT pg_catalog.unnest(hit_keys));
			END IF;
		END IF;
		IF pg_catalog.cardinality(to_fetch) > 0 THEN
			parts := pg_catalog.array_append(parts, oslo.lookup_statement_part(
				c_name[i], c_rel[i], pg_catalog.cardinality(fetch_keys) + 1,
				pg_catalog.cardinality(fetch_keys) + pg_catalog.cardinality(to_fetch)));
			fetch_bounds := pg_catalog.array_append(fetch_bounds, pg_catalog.format('%s:%s',
				pg_catalog.cardinality(fetch_keys) + 1, pg_catalog.cardinality(fetch_keys) + pg_catalog.cardinality(to_fetch)));
			fetch_keys := fetch_keys OPERATOR(pg_catalog.||) to_fetch;
		ELSE
			fetch_bounds := pg_catalog.array_append(fetch_bounds, NULL::text);
		END IF;
	END LOOP;
	-- rows go to the result as they come (each entity's batch in one FETCH);
	-- the log is written only once every row has arrived
	IF pg_catalog.cardinality(parts) > 0 THEN
		BEGIN
			-- announce each batch at its source (one round trip each); the source
			-- logs it there, with our reference, in one statement
			FOR i IN 1 .. n LOOP
				CONTINUE WHEN c_request[i] IS NULL OR fetch_bounds[i] IS NULL;
				EXECUTE pg_catalog.format('INSERT INTO %s (reference, concept, purpose, subject_keys) VALUES ($1, $2, $3, $4)',
				                          pg_catalog.to_regclass(c_request[i]))
					USING ref, c_remote[i], purpose,
					      fetch_keys[pg_catalog.split_part(fetch_bounds[i], ':', 1)::integer :
					                 pg_catalog.split_part(fetch_bounds[i], ':', 2)::integer];
			END LOOP;
			IF pg_catalog.cardinality(cached_concepts) = 0 THEN
				FOR got IN EXECUTE pg_catalog.array_to_string(parts, ' UNION ALL ') USING fetch_keys, purpose LOOP
					concept := got.concept;
					subject_key := got.subject_key;
					document := got.document;
					RETURN NEXT;
					got_concepts := pg_catalog.array_append(got_concepts, got.concept);
					got_keys := pg_catalog.array_append(got_keys, got.subject_key);
				END LOOP;
			ELSE
				FOR got IN EXECUTE pg_catalog.array_to_string(parts, ' UNION ALL ') USING fetch_keys, purpose LOOP
					concept := got.concept;
					subject_key := got.subject_key;
					document := got.document;
					RETURN NEXT;
					got_concepts := pg_catalog.array_append(got_concepts, got.concept);
					got_keys := pg_catalog.array_append(got_keys, got.subject_key);
					IF got.concept = ANY (cached_concepts) THEN
						store_concepts := pg_catalog.array_append(store_concepts, got.concept);
						store_keys := pg_catalog.array_append(store_keys, got.subject_key);
						store_docs := pg_catalog.array_append(store_docs, got.document);
					END IF;
				END LOOP;
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, ctx = PG_EXCEPTION_CONTEXT;
			-- which entity: its server in the message, or its relation in the remote SQL
			SELECT pg_catalog.string_agg(DISTINCT u.entity, ', ') INTO failing
			FROM ROWS FROM (pg_catalog.unnest(c_entity), pg_catalog.unnest(c_server), pg_catalog.unnest(c_origin),
			                pg_catalog.unnest(fetch_bounds)) u(entity, server, origin, bounds)
			WHERE u.bounds IS NOT NULL
			  AND (pg_catalog.strpos(msg, pg_catalog.format('"%s"', u.server)) > 0
			       OR pg_catalog.strpos(coalesce(ctx, ''), pg_catalog.format('FROM %s ', u.origin)) > 0);
			IF failing IS NULL THEN
				SELECT pg_catalog.string_agg(u.entity, ', ' ORDER BY u.entity) INTO failing
				FROM ROWS FROM (pg_catalog.unnest(c_entity), pg_catalog.unnest(fetch_bounds)) u(entity, bounds) WHERE u.bounds IS NOT NULL;
			END IF;
			-- the whole batch failed (nothing is returned, not even what the cache
			-- held): every subject of every concept, in its own transaction
			FOR i IN 1 .. n LOOP
				PERFORM oslo.consultation_log_write(ref, c_app[i], purpose, c_name[i], all_keys[c_from[i] : c_from[i + 1] - 1],
					c_entity[i], 'consumer', t0, 'failed', pg_catalog.format('%s at %s: %s', st, failing, msg), true);
			END LOOP;
			RAISE EXCEPTION 'source entity "%" failed: %', failing, msg
				USING ERRCODE = st,
				      DETAIL = pg_catalog.format('Remote SQLSTATE %s; no subject of this batch was answered.', st);
		END;
	END IF;
	-- the answers of sources with a TTL are kept for it
	IF pg_catalog.cardinality(store_keys) > 0 THEN
		INSERT INTO oslo.source_cache AS c (concept, purpose, subject_key, entity, document, cached_at, reference)
		SELECT DISTINCT ON (u.c, u.k) u.c, purpose, u.k, e.entity, u.d, pg_catalog.clock_timestamp(), ref
		FROM ROWS FROM (pg_catalog.unnest(store_concepts), pg_catalog.unnest(store_keys), pg_catalog.unnest(store_docs)) u(c, k, d)
		JOIN ROWS FROM (pg_catalog.unnest(c_name), pg_catalog.unnest(c_entity)) e(c, entity) ON e.c = u.c
		ORDER BY u.c, u.k
		ON CONFLICT ON CONSTRAINT source_cache_pkey DO UPDATE
			SET entity = EXCLUDED.entity, document = EXCLUDED.document, cached_at = EXCLUDED.cached_at,
			    reference = EXCLUDED.reference;
	END IF;
	INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept, subject_key,
	                                   source_entity, side, requested_at, answered_at, outcome, reason)
	SELECT ref, a.app, session_user, purpose, u.c, u.k, a.entity, 'consumer', t0, pg_catalog.clock_timestamp(),
	       CASE WHEN h.k IS NULL AND g.k IS NULL THEN 'not_found' ELSE 'answered' END,
	       CASE WHEN h.k IS NOT NULL
	            THEN 'cache: fetched ' OPERATOR(pg_catalog.||)
	                 pg_catalog.to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
	            WHEN g.k IS NULL THEN 'no row from the source (unknown subject, or refused there)' END
	FROM ROWS FROM (pg_catalog.unnest(key_concept), pg_catalog.unnest(all_keys)) u(c, k)
	JOIN ROWS FROM (pg_catalog.unnest(c_name), pg_catalog.unnest(c_app), pg_catalog.unnest(c_entity)) a(c, app, entity)
	     ON a.c = u.c
	LEFT JOIN ROWS FROM (pg_catalog.unnest(served_concepts), pg_catalog.unnest(served_keys),
	                     pg_catalog.unnest(served_at)) h(c, k, at) ON h.c = u.c AND h.k = u.k
	LEFT JOIN (SELECT DISTINCT x.c, x.k FROM ROWS FROM (pg_catalog.unnest(got_concepts), pg_catalog.unnest(got_keys)) x(c, k)) g
	       ON g.c = u.c AND g.k = u.k;
END $fn$;
COMMENT ON FUNCTION oslo.lookup_batch(jsonb, text) IS 'Batched only-once lookup over several concepts at once: {"concept": [keys]} to (concept, subject_key, OSLO JSON-LD); entities asked concurrently, purpose-bound and logged';
GRANT EXECUTE ON FUNCTION oslo.lookup_batch(jsonb, text) TO PUBLIC;

CREATE FUNCTION oslo.lookup_many(concept text, subject_keys text[], purpose text)
	RETURNS TABLE (subject_key text, document jsonb)
	LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp ROWS 1000 AS $fn$
	SELECT b.subject_key, b.document
	FROM oslo.lookup_batch(CASE WHEN $1 IS NOT NULL AND $2 IS NOT NULL
	                            THEN pg_catalog.jsonb_build_object($1, pg_catalog.to_jsonb($2)) END, $3) b
$fn$;
COMMENT ON FUNCTION oslo.lookup_many(text, text[], text) IS 'Batched only-once lookup: (subject_key, OSLO JSON-LD) from the authentic source, one remote query, purpose-bound and logged';
GRANT EXECUTE ON FUNCTION oslo.lookup_many(text, text[], text) TO PUBLIC;

CREATE FUNCTION oslo.lookup(concept text, subject_key text, purpose text)
	RETURNS jsonb LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT l.document FROM oslo.lookup_many($1, ARRAY[$2], $3) l LIMIT 1
$fn$;
COMMENT ON FUNCTION oslo.lookup(text, text, text) IS 'Only-once lookup of one subject: its OSLO JSON-LD from the authentic source, or NULL; purpose-bound and logged';
GRANT EXECUTE ON FUNCTION oslo.lookup(text, text, text) TO PUBLIC;

CREATE FUNCTION oslo.lookup_graph(concept text, subject_key text, purpose text)
	RETURNS oslo.graph LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT oslo.graph_from_jsonld(oslo.lookup($1, $2, $3))
$fn$;
COMMENT ON FUNCTION oslo.lookup_graph(text, text, text) IS 'oslo.lookup as an oslo.graph';
GRANT EXECUTE ON FUNCTION oslo.lookup_graph(text, text, text) TO PUBLIC;

CREATE FUNCTION oslo.lookup_explain(requests jsonb, purpose text)
	RETURNS SETOF text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
	req record;
	parts text[] := '{}';
	fetch_keys text[] := '{}';
	keys text[];
BEGIN
	-- the statement oslo.lookup_batch sends, built the same way (every key
	-- asked of the source, as if nothing were cached)
	FOR req IN
		SELECT r.key AS concept, pg_catalog.to_regclass(s.relation) AS rel, r.value AS wanted_keys
		FROM pg_catalog.jsonb_each(lookup_explain.requests) r
		LEFT JOIN oslo.authentic_source s ON s.concept = r.key
		ORDER BY r.key
	LOOP
		IF req.rel IS NULL THEN
			RAISE EXCEPTION 'unknown concept "%": no authentic source is registered for it', req.concept
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		keys := ARRAY(SELECT DISTINCT k FROM pg_catalog.jsonb_array_elements_text(req.wanted_keys) k
		              WHERE k IS NOT NULL ORDER BY 1);
		CONTINUE WHEN pg_catalog.cardinality(keys) = 0;
		parts := pg_catalog.array_append(parts, oslo.lookup_statement_part(
			req.concept, req.rel::text, pg_catalog.cardinality(fetch_keys) + 1,
			pg_catalog.cardinality(fetch_keys) + pg_catalog.cardinality(keys)));
		fetch_keys := fetch_keys OPERATOR(pg_catalog.||) keys;
	END LOOP;
	IF pg_catalog.cardinality(parts) = 0 THEN
		RETURN;
	END IF;
	RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(parts, ' UNION ALL ')
		USING fetch_keys, lookup_explain.purpose;
END $fn$;
COMMENT ON FUNCTION oslo.lookup_explain(jsonb, text) IS 'EXPLAIN VERBOSE of the statement oslo.lookup_batch sends: the remote SQL for each entity';

-- The citizen's view: who consulted this subject, when and why. SECURITY
-- DEFINER over the log (which RLS hides from others); returns only these
-- columns for this subject.
CREATE FUNCTION oslo.consultations_about(subject_key text)
	RETURNS TABLE (requested_at timestamptz, application text, purpose text, concept text,
	               source_entity text, side text, outcome text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
	SELECT l.requested_at, l.application, l.purpose, l.concept, l.source_entity, l.side, l.outcome
	FROM oslo.consultation_log l
	WHERE l.subject_key = $1
	ORDER BY l.requested_at, l.id
$fn$;
COMMENT ON FUNCTION oslo.consultations_about(text) IS 'The citizen''s view: who consulted a subject''s data, when, for which purpose, with what outcome';
REVOKE ALL ON FUNCTION oslo.consultations_about(text) FROM PUBLIC;

REVOKE ALL ON FUNCTION oslo.entity_register(text, text, boolean, text),
	oslo.authorize(text, text, text, timestamptz, timestamptz), oslo.deauthorize(text, text, text),
	oslo.register(text, text[], text, timestamptz, timestamptz), oslo.unregister(text, text[], text),
	oslo.publish(text, regclass, text, text, text, text), oslo.source_attach(text, text, text, text),
	oslo.lookup_explain(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.entity_register(text, text, boolean, text),
	oslo.authorize(text, text, text, timestamptz, timestamptz), oslo.deauthorize(text, text, text),
	oslo.register(text, text[], text, timestamptz, timestamptz), oslo.unregister(text, text[], text),
	oslo.publish(text, regclass, text, text, text, text), oslo.source_attach(text, text, text, text),
	oslo.lookup_explain(jsonb, text), oslo.consultations_about(text),
	oslo.consultation_log_write(uuid, text, text, text, text[], text, text, timestamptz, text, text, boolean),
	oslo.authorised_application(text, text), oslo.source_request_log() TO oslo_admin;
