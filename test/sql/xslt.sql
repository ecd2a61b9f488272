-- XSLT mappings XML -> XML in the sandbox (docs/xslt.md): register (admin
-- only, compiled first), apply with parameters, include/import/document()
-- of registered stylesheets, and every way out of the sandbox refused with
-- its own SQLSTATE.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
DROP ROLE IF EXISTS oslo_xslt_steward;
DROP ROLE IF EXISTS oslo_xslt_user;
RESET client_min_messages;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.detail_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN detail;
END $$;

-- a shared library of templates and a lookup table, then a mapping that uses both
SELECT oslo.xslt_register('test/common', $x$
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="stamp"><bron>MAGDA</bron></xsl:template>
  <xsl:template match="geboortedatum"><geboorte><xsl:value-of select="."/></geboorte></xsl:template>
</xsl:stylesheet>$x$, 'shared templates');
-- data for document(): top-level elements of another namespace in a stylesheet
SELECT oslo.xslt_register('test/codes', $x$
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:c="urn:test:codes">
  <c:code k="1">mannelijk</c:code><c:code k="2">vrouwelijk</c:code>
</xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/persoon', $x$
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:c="urn:test:codes" exclude-result-prefixes="c">
  <xsl:import href="common"/>
  <xsl:output omit-xml-declaration="yes"/>
  <xsl:param name="taal" select="'nl'"/>
  <xsl:param name="aanvrager"/>
  <xsl:template match="/Persoon">
    <persoon xml:lang="{$taal}" aanvrager="{$aanvrager}">
      <naam><xsl:value-of select="concat(Voornaam, ' ', Naam)"/></naam>
      <geslacht><xsl:value-of select="document('codes')/*/c:code[@k = current()/Geslacht]"/></geslacht>
      <xsl:apply-templates select="geboortedatum"/>
      <xsl:call-template name="stamp"/>
    </persoon>
  </xsl:template>
</xsl:stylesheet>$x$);
SELECT name, description, builtin FROM oslo.xslt ORDER BY name;

-- params are strings, never XPath: quotes of both kinds and an expression stay text
SELECT oslo.xslt_apply('test/persoon',
	'<Persoon><Voornaam>Jan</Voornaam><Naam>Peeters</Naam><Geslacht>1</Geslacht><geboortedatum>1980-05-01</geboortedatum></Persoon>',
	'{"taal": "fr", "aanvrager": "O''Brien & \"Zn\" or 1=1"}');
-- default parameters
SELECT oslo.xslt_apply('test/persoon', '<Persoon><Voornaam>An</Voornaam><Naam>Claes</Naam><Geslacht>2</Geslacht></Persoon>');
-- the same stylesheet twice in one statement (compiled once per backend)
SELECT oslo.xslt_apply('test/persoon', d::xml, jsonb_build_object('aanvrager', n::text))::text
FROM (VALUES (1, '<Persoon><Naam>A</Naam></Persoon>'), (2, '<Persoon><Naam>B</Naam></Persoon>')) v(n, d)
ORDER BY n;

-- a replaced include reaches the stylesheets that use it (the cache is dropped)
SELECT oslo.xslt_register('test/common', $x$
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="stamp"><bron>KBO</bron></xsl:template>
</xsl:stylesheet>$x$);
SELECT oslo.xslt_apply('test/persoon', '<Persoon><Naam>C</Naam></Persoon>');

-- bad parameters: 22023
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/persoon', '<Persoon/>', '{"taal": 3}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/persoon', '<Persoon/>', '["nl"]')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/persoon', '<Persoon/>', '{"not a name": "x"}')$q$);
-- unknown stylesheet: 42704
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/none', '<a/>')$q$);
-- not well-formed (2200M), not a stylesheet (2200N), HTML output (0A000)
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<a>x</a><b/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<stylesheet/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:value-of select="((("/></xsl:template></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:output method="html"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('../etc/passwd', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')$q$);
SELECT count(*) AS bad_registered FROM oslo.xslt WHERE name NOT LIKE 'test/%' OR name = 'test/bad';

-- ---- the sandbox: nothing outside the document and the registered stylesheets ----
SELECT oslo.xslt_register('test/copy', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:copy-of select="."/></xsl:template></xsl:stylesheet>');
-- XXE in the document: 42501 (the entity is never read)
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/copy', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/copy', '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><r/>')$q$);
-- XXE in a stylesheet: refused at registration
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o>&x;</o></xsl:template></xsl:stylesheet>')$q$);
-- document() of a file, of the network, of an absolute path: 42501; of an unregistered name: 42704
SELECT oslo.xslt_register('test/doc-file', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o><xsl:copy-of select="document('file:///etc/passwd')"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/doc-http', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o><xsl:copy-of select="document('http://127.0.0.1:1/secret.xml')"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/doc-path', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o><xsl:copy-of select="document('/etc/passwd')"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/doc-input', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o><xsl:copy-of select="document(/a/@href)"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/doc-missing', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o><xsl:copy-of select="document('passwd.xml')"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-file', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-http', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-path', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-input', '<a href="/etc/passwd"/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-input', '<a href="file:///etc/hostname"/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/doc-missing', '<a/>')$q$);
-- ... but document() of a registered name works
SELECT oslo.xslt_apply('test/doc-input', '<a href="oslo-xslt:test/codes"/>');
-- writes: exsl:document, saxon:output (the file is never created) and XSLT 2.0 xsl:result-document
SELECT oslo.xslt_register('test/write-exsl', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl"><xsl:template match="/"><exsl:document href="/tmp/oslo_xslt_regress_pwned.xml"><pwned/></exsl:document><o/></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/write-saxon', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:saxon="http://icl.com/saxon" extension-element-prefixes="saxon"><xsl:template match="/"><saxon:output href="/tmp/oslo_xslt_regress_pwned.xml"><pwned/></saxon:output><o/></xsl:template></xsl:stylesheet>$x$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/write-exsl', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/write-saxon', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:result-document href="/tmp/oslo_xslt_regress_pwned.xml"><pwned/></xsl:result-document></xsl:template></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:result-document href="/tmp/oslo_xslt_regress_pwned.xml"><pwned/></xsl:result-document></xsl:template></xsl:stylesheet>')$q$);
-- (the tests run as a superuser, who may look)
SELECT pg_stat_file('/tmp/oslo_xslt_regress_pwned.xml', true) IS NULL AS nothing_written;
-- includes and imports of files, of the network, of a relative local file name
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:include href="/etc/passwd"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:include href="file:///etc/passwd"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="http://127.0.0.1:1/evil.xsl"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:include href="../../../etc/passwd"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:include href="local.xsl"/></xsl:stylesheet>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/bad', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:include xml:base="file:///etc/" href="passwd"/></xsl:stylesheet>')$q$);
-- the message names the file; DETAIL carries libxslt's own words
SELECT pg_temp.detail_of($q$SELECT oslo.xslt_apply('test/doc-file', '<a/>')$q$) ~ 'Local file read for file:///etc/passwd refused' AS libxslt_refused_too;

-- limits: endless recursion stops (54000), the backend lives on
SELECT oslo.xslt_register('test/loop', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:call-template name="f"/></xsl:template><xsl:template name="f"><x><xsl:call-template name="f"/></x></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/loop-apply', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/|*"><xsl:apply-templates select="/"/></xsl:template></xsl:stylesheet>$x$);
SELECT oslo.xslt_register('test/loop-func', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:func="http://exslt.org/functions" xmlns:my="urn:my" extension-element-prefixes="func"><func:function name="my:f"><func:result select="my:f()"/></func:function><xsl:template match="/"><o><xsl:value-of select="my:f()"/></o></xsl:template></xsl:stylesheet>$x$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/loop', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/loop-apply', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/loop-func', '<a/>')$q$);
SELECT oslo.xslt_apply('test/copy', '<still-alive/>');
-- a terminating xsl:message: 38000 with the message as DETAIL
SELECT oslo.xslt_register('test/stop', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:message terminate="yes">no Persoon here</xsl:message></xsl:template></xsl:stylesheet>$x$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_apply('test/stop', '<a/>')$q$);
SELECT pg_temp.detail_of($q$SELECT oslo.xslt_apply('test/stop', '<a/>')$q$) ~ 'no Persoon here' AS message_in_detail;
-- a query cancel (statement_timeout) stops a long transform: 57014
SELECT oslo.xslt_register('test/slow', $x$<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:call-template name="f"><xsl:with-param name="n" select="0"/></xsl:call-template></xsl:template><xsl:template name="f"><xsl:param name="n"/><xsl:if test="$n &lt; 24"><xsl:call-template name="f"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template><xsl:call-template name="f"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template></xsl:if></xsl:template></xsl:stylesheet>$x$);
SET statement_timeout = '200ms';
SELECT oslo.xslt_apply('test/slow', '<a/>');
RESET statement_timeout;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT oslo.xslt_apply('test/copy', '<alive-after-cancel/>');

-- registration is oslo_admin's; applying is everyone's
CREATE ROLE oslo_xslt_steward IN ROLE oslo_admin;
CREATE ROLE oslo_xslt_user;
SET ROLE oslo_xslt_user;
SELECT pg_temp.error_of($q$SELECT oslo.xslt_register('test/mine', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.xslt_check('test/mine', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')$q$);
SELECT pg_temp.error_of($q$INSERT INTO oslo.xslt (name, stylesheet) VALUES ('test/mine', '<x/>')$q$);
SELECT oslo.xslt_apply('test/copy', '<read-by-anyone/>');
SET ROLE oslo_xslt_steward;
SELECT oslo.xslt_register('test/by-steward', '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>');
RESET ROLE;
DROP ROLE oslo_xslt_steward, oslo_xslt_user;

-- user stylesheets survive pg_dump; builtin ones come back with the extension
SELECT c.relname, d.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS d(oid, cond) JOIN pg_class c ON c.oid = d.oid
WHERE e.extname = 'oslo_interop' AND c.relname = 'xslt';

DELETE FROM oslo.xslt WHERE name LIKE 'test/%';
