<?xml version="1.0" encoding="UTF-8"?>
<!--
  geefpersoon-ntriples.xsl: a MAGDA GeefPersoon 02.02 response to N-Triples,
  stating what the magda plugin's magda -> graph transform states, for the
  benchmark against PostgreSQL's xml2 xslt_process(). XSLT 1.0 (libxslt).

  Blank nodes are labelled from generate-id() of the element they come from.
  Like the plugin, it matches the service element on namespace and local
  name and everything below it on local name only. It does not check the
  message: a SOAP Fault, another service or version, or a level-2 refusal
  (which the plugin raises as errors) give no output here.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:gp="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02">
	<xsl:output method="text" encoding="UTF-8"/>
	<xsl:strip-space elements="*"/>

	<xsl:variable name="rdf">http://www.w3.org/1999/02/22-rdf-syntax-ns#</xsl:variable>
	<xsl:variable name="persoon">https://data.vlaanderen.be/ns/persoon#</xsl:variable>
	<xsl:variable name="adres">https://data.vlaanderen.be/ns/adres#</xsl:variable>
	<xsl:variable name="locn">http://www.w3.org/ns/locn#</xsl:variable>
	<xsl:variable name="time">http://www.w3.org/2006/time#</xsl:variable>
	<xsl:variable name="dct">http://purl.org/dc/terms/</xsl:variable>
	<xsl:variable name="xsd-date">http://www.w3.org/2001/XMLSchema#date</xsl:variable>
	<xsl:variable name="upper">ABCDEFGHIJKLMNOPQRSTUVWXYZ</xsl:variable>
	<xsl:variable name="lower">abcdefghijklmnopqrstuvwxyz</xsl:variable>
	<xsl:variable name="code-chars">0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.</xsl:variable>

	<xsl:template match="/">
		<xsl:apply-templates select="//gp:GeefPersoonResponse/*[local-name()='Repliek']
			/*[local-name()='Antwoorden']/*[local-name()='Antwoord']
			/*[local-name()='Inhoud']/*[local-name()='Persoon']"/>
	</xsl:template>

	<!-- ===== statements ===== -->

	<xsl:template name="iri-triple">
		<xsl:param name="s"/>
		<xsl:param name="p"/>
		<xsl:param name="o"/>
		<xsl:value-of select="concat('_:', $s, ' &lt;', $p, '&gt; &lt;', $o, '&gt; .&#10;')"/>
	</xsl:template>

	<xsl:template name="node-triple">
		<xsl:param name="s"/>
		<xsl:param name="p"/>
		<xsl:param name="o"/>
		<xsl:param name="type"/>
		<xsl:value-of select="concat('_:', $s, ' &lt;', $p, '&gt; _:', $o, ' .&#10;')"/>
		<xsl:call-template name="iri-triple">
			<xsl:with-param name="s" select="$o"/>
			<xsl:with-param name="p" select="concat($rdf, 'type')"/>
			<xsl:with-param name="o" select="$type"/>
		</xsl:call-template>
	</xsl:template>

	<!-- a literal; lex is trimmed of XML white space, as the plugin does -->
	<xsl:template name="literal-triple">
		<xsl:param name="s"/>
		<xsl:param name="p"/>
		<xsl:param name="lex"/>
		<xsl:param name="datatype"/>
		<xsl:param name="lang"/>
		<xsl:variable name="trimmed">
			<xsl:call-template name="trim">
				<xsl:with-param name="s" select="$lex"/>
			</xsl:call-template>
		</xsl:variable>
		<xsl:if test="string-length($trimmed) &gt; 0">
			<xsl:value-of select="concat('_:', $s, ' &lt;', $p, '&gt; &quot;')"/>
			<xsl:call-template name="escape">
				<xsl:with-param name="s" select="$trimmed"/>
			</xsl:call-template>
			<xsl:text>"</xsl:text>
			<xsl:choose>
				<xsl:when test="$datatype">
					<xsl:value-of select="concat('^^&lt;', $datatype, '&gt;')"/>
				</xsl:when>
				<xsl:when test="$lang">
					<xsl:value-of select="concat('@', translate($lang, $upper, $lower))"/>
				</xsl:when>
			</xsl:choose>
			<xsl:text> .&#10;</xsl:text>
		</xsl:if>
	</xsl:template>

	<!-- ===== Persoon ===== -->

	<xsl:template match="*[local-name()='Persoon']">
		<xsl:variable name="p" select="generate-id()"/>
		<xsl:variable name="insz" select="*[local-name()='INSZ']"/>
		<xsl:variable name="id" select="generate-id($insz)"/>
		<xsl:variable name="bron" select="normalize-space(@Bron)"/>

		<xsl:call-template name="iri-triple">
			<xsl:with-param name="s" select="$p"/>
			<xsl:with-param name="p" select="concat($rdf, 'type')"/>
			<xsl:with-param name="o" select="concat($persoon, 'GeregistreerdPersoon')"/>
		</xsl:call-template>
		<xsl:call-template name="node-triple">
			<xsl:with-param name="s" select="$p"/>
			<xsl:with-param name="p" select="concat($persoon, 'registratie')"/>
			<xsl:with-param name="o" select="$id"/>
			<xsl:with-param name="type">http://www.w3.org/ns/adms#Identifier</xsl:with-param>
		</xsl:call-template>
		<xsl:call-template name="literal-triple">
			<xsl:with-param name="s" select="$id"/>
			<xsl:with-param name="p">http://www.w3.org/2004/02/skos/core#notation</xsl:with-param>
			<xsl:with-param name="lex" select="$insz"/>
		</xsl:call-template>

		<xsl:if test="$bron = 'RR' or $bron = 'KSZ'">
			<xsl:call-template name="iri-triple">
				<xsl:with-param name="s" select="$p"/>
				<xsl:with-param name="p" select="concat($dct, 'source')"/>
				<xsl:with-param name="o">
					<xsl:text>https://data.vlaanderen.be/id/organisatie/</xsl:text>
					<xsl:choose>
						<xsl:when test="$bron = 'RR'">OVO027248</xsl:when>
						<xsl:otherwise>OVO008218</xsl:otherwise>
					</xsl:choose>
				</xsl:with-param>
			</xsl:call-template>
		</xsl:if>
		<xsl:call-template name="date-attribute">
			<xsl:with-param name="s" select="$p"/>
			<xsl:with-param name="p" select="concat($dct, 'created')"/>
			<xsl:with-param name="value" select="@DatumCreatie"/>
		</xsl:call-template>
		<xsl:call-template name="date-attribute">
			<xsl:with-param name="s" select="$p"/>
			<xsl:with-param name="p" select="concat($dct, 'modified')"/>
			<xsl:with-param name="value" select="@DatumModificatie"/>
		</xsl:call-template>

		<xsl:for-each select="*[local-name()='Naam']/*[local-name()='Voornamen']/*[local-name()='Voornaam']">
			<xsl:call-template name="literal-triple">
				<xsl:with-param name="s" select="$p"/>
				<xsl:with-param name="p">http://xmlns.com/foaf/0.1/givenName</xsl:with-param>
				<xsl:with-param name="lex" select="."/>
			</xsl:call-template>
		</xsl:for-each>
		<xsl:for-each select="*[local-name()='Naam']/*[local-name()='Achternamen']/*[local-name()='Achternaam']">
			<xsl:call-template name="literal-triple">
				<xsl:with-param name="s" select="$p"/>
				<xsl:with-param name="p">http://xmlns.com/foaf/0.1/familyName</xsl:with-param>
				<xsl:with-param name="lex" select="."/>
			</xsl:call-template>
		</xsl:for-each>

		<xsl:variable name="geslacht" select="normalize-space(*[local-name()='Geslacht']/*[local-name()='Code'])"/>
		<xsl:if test="$geslacht != '' and translate($geslacht, $code-chars, '') = ''">
			<xsl:call-template name="iri-triple">
				<xsl:with-param name="s" select="$p"/>
				<xsl:with-param name="p" select="concat($persoon, 'geslacht')"/>
				<xsl:with-param name="o" select="concat('https://data.vlaanderen.be/id/concept/IT000/Geslacht/', $geslacht)"/>
			</xsl:call-template>
		</xsl:if>

		<xsl:apply-templates select="*[local-name()='Geboorte']/*[local-name()='Datum'][1]">
			<xsl:with-param name="person" select="$p"/>
		</xsl:apply-templates>
		<xsl:apply-templates select="*[local-name()='Adressen']/*[local-name()='Hoofdverblijfplaats'][1]">
			<xsl:with-param name="person" select="$p"/>
		</xsl:apply-templates>
	</xsl:template>

	<xsl:template name="date-attribute">
		<xsl:param name="s"/>
		<xsl:param name="p"/>
		<xsl:param name="value"/>
		<xsl:variable name="complete">
			<xsl:call-template name="complete-date">
				<xsl:with-param name="d" select="normalize-space($value)"/>
			</xsl:call-template>
		</xsl:variable>
		<xsl:if test="$complete = 'yes'">
			<xsl:call-template name="literal-triple">
				<xsl:with-param name="s" select="$s"/>
				<xsl:with-param name="p" select="$p"/>
				<xsl:with-param name="lex" select="$value"/>
				<xsl:with-param name="datatype" select="$xsd-date"/>
			</xsl:call-template>
		</xsl:if>
	</xsl:template>

	<!-- ===== Geboorte/Datum: Moment with inXSDdatum and jaar/maand/dag ===== -->

	<xsl:template match="*[local-name()='Datum']">
		<xsl:param name="person"/>
		<xsl:variable name="d" select="normalize-space(.)"/>
		<xsl:variable name="year" select="substring($d, 1, 4)"/>
		<xsl:variable name="month" select="substring($d, 6, 2)"/>
		<xsl:variable name="day" select="substring($d, 9, 2)"/>
		<xsl:variable name="geboorte" select="generate-id(..)"/>
		<xsl:variable name="moment" select="generate-id()"/>
		<xsl:variable name="desc" select="concat(generate-id(), 'd')"/>
		<xsl:variable name="complete">
			<xsl:call-template name="complete-date">
				<xsl:with-param name="d" select="$d"/>
			</xsl:call-template>
		</xsl:variable>

		<xsl:if test="$year != '0000' or $month != '00' or $day != '00'">
			<xsl:call-template name="node-triple">
				<xsl:with-param name="s" select="$person"/>
				<xsl:with-param name="p" select="concat($persoon, 'heeftGeboorte')"/>
				<xsl:with-param name="o" select="$geboorte"/>
				<xsl:with-param name="type" select="concat($persoon, 'Geboorte')"/>
			</xsl:call-template>
			<xsl:call-template name="node-triple">
				<xsl:with-param name="s" select="$geboorte"/>
				<xsl:with-param name="p" select="concat($persoon, 'datum')"/>
				<xsl:with-param name="o" select="$moment"/>
				<xsl:with-param name="type" select="concat($time, 'Instant')"/>
			</xsl:call-template>
			<xsl:if test="$complete = 'yes'">
				<xsl:call-template name="literal-triple">
					<xsl:with-param name="s" select="$moment"/>
					<xsl:with-param name="p" select="concat($time, 'inXSDDate')"/>
					<xsl:with-param name="lex" select="$d"/>
					<xsl:with-param name="datatype" select="$xsd-date"/>
				</xsl:call-template>
			</xsl:if>
			<xsl:call-template name="node-triple">
				<xsl:with-param name="s" select="$moment"/>
				<xsl:with-param name="p" select="concat($time, 'inDateTime')"/>
				<xsl:with-param name="o" select="$desc"/>
				<xsl:with-param name="type" select="concat($time, 'GeneralDateTimeDescription')"/>
			</xsl:call-template>
			<xsl:if test="$year != '0000'">
				<xsl:call-template name="literal-triple">
					<xsl:with-param name="s" select="$desc"/>
					<xsl:with-param name="p" select="concat($time, 'year')"/>
					<xsl:with-param name="lex" select="$year"/>
				</xsl:call-template>
			</xsl:if>
			<xsl:if test="$month != '00'">
				<xsl:call-template name="literal-triple">
					<xsl:with-param name="s" select="$desc"/>
					<xsl:with-param name="p" select="concat($time, 'month')"/>
					<xsl:with-param name="lex" select="$month"/>
				</xsl:call-template>
			</xsl:if>
			<xsl:if test="$day != '00'">
				<xsl:call-template name="literal-triple">
					<xsl:with-param name="s" select="$desc"/>
					<xsl:with-param name="p" select="concat($time, 'day')"/>
					<xsl:with-param name="lex" select="$day"/>
				</xsl:call-template>
			</xsl:if>
		</xsl:if>
	</xsl:template>

	<!-- 'yes' for a YYYY-MM-DD that is a real calendar date -->
	<xsl:template name="complete-date">
		<xsl:param name="d"/>
		<xsl:variable name="y" select="number(substring($d, 1, 4))"/>
		<xsl:variable name="m" select="number(substring($d, 6, 2))"/>
		<xsl:variable name="day" select="number(substring($d, 9, 2))"/>
		<xsl:variable name="leap" select="($y mod 4 = 0 and $y mod 100 != 0) or $y mod 400 = 0"/>
		<xsl:variable name="last">
			<xsl:choose>
				<xsl:when test="$m = 2 and $leap">29</xsl:when>
				<xsl:when test="$m = 2">28</xsl:when>
				<xsl:when test="$m = 4 or $m = 6 or $m = 9 or $m = 11">30</xsl:when>
				<xsl:otherwise>31</xsl:otherwise>
			</xsl:choose>
		</xsl:variable>
		<xsl:if test="string-length($d) = 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'
			and translate($d, '0123456789', '') = '--' and $y &gt; 0 and $m &gt;= 1 and $m &lt;= 12
			and $day &gt;= 1 and $day &lt;= number($last)">yes</xsl:if>
	</xsl:template>

	<!-- ===== Hoofdverblijfplaats ===== -->

	<xsl:template match="*[local-name()='Hoofdverblijfplaats']">
		<xsl:param name="person"/>
		<xsl:variable name="base" select="generate-id()"/>
		<xsl:variable name="inw" select="concat($base, 'i')"/>
		<xsl:variable name="jur" select="concat($base, 'j')"/>
		<xsl:variable name="dom" select="concat($base, 'd')"/>
		<xsl:variable name="adr" select="concat($base, 'a')"/>
		<xsl:variable name="iso" select="normalize-space(*[local-name()='ISOCodeLand'])"/>
		<xsl:variable name="straat" select="(*[local-name()='Straatnaam'] | *[local-name()='NietGestandaardiseerdeStraatnaam'])
			[normalize-space(*[local-name()='String']) != ''][1]"/>
		<xsl:variable name="gemeente" select="(*[local-name()='Gemeentenaam'] | *[local-name()='NietGestandaardiseerdeGemeentenaam'])
			[normalize-space(*[local-name()='String']) != ''][1]"/>
		<xsl:variable name="land" select="*[local-name()='Land'][normalize-space(*[local-name()='String']) != '']"/>
		<xsl:variable name="huisnummer" select="normalize-space(*[local-name()='Huisnummer'])"/>
		<xsl:variable name="busnummer" select="normalize-space(*[local-name()='Busnummer'])"/>
		<xsl:variable name="postcode" select="normalize-space(*[local-name()='Postcode'])"/>

		<xsl:call-template name="node-triple">
			<xsl:with-param name="s" select="$person"/>
			<xsl:with-param name="p" select="concat($persoon, 'heeftInwonerschap')"/>
			<xsl:with-param name="o" select="$inw"/>
			<xsl:with-param name="type" select="concat($persoon, 'Inwonerschap')"/>
		</xsl:call-template>
		<xsl:call-template name="node-triple">
			<xsl:with-param name="s" select="$inw"/>
			<xsl:with-param name="p" select="concat($persoon, 'Inwonerschap.binnenJurisdictie')"/>
			<xsl:with-param name="o" select="$jur"/>
			<xsl:with-param name="type" select="concat($dct, 'Jurisdiction')"/>
		</xsl:call-template>
		<xsl:if test="string-length($iso) = 3 and translate($iso, $upper, '') = ''">
			<xsl:call-template name="iri-triple">
				<xsl:with-param name="s" select="$jur"/>
				<xsl:with-param name="p">https://data.vlaanderen.be/ns/generiek#plaats</xsl:with-param>
				<xsl:with-param name="o" select="concat('http://publications.europa.eu/resource/authority/country/', $iso)"/>
			</xsl:call-template>
		</xsl:if>
		<xsl:call-template name="node-triple">
			<xsl:with-param name="s" select="$inw"/>
			<xsl:with-param name="p" select="concat($persoon, 'heeftVerblijfplaats')"/>
			<xsl:with-param name="o" select="$dom"/>
			<xsl:with-param name="type" select="concat($persoon, 'Domicilie')"/>
		</xsl:call-template>
		<xsl:call-template name="node-triple">
			<xsl:with-param name="s" select="$dom"/>
			<xsl:with-param name="p" select="concat($persoon, 'verblijfsadres')"/>
			<xsl:with-param name="o" select="$adr"/>
			<xsl:with-param name="type" select="concat($locn, 'Address')"/>
		</xsl:call-template>

		<xsl:apply-templates select="$straat" mode="taalstring">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($locn, 'thoroughfare')"/>
		</xsl:apply-templates>
		<xsl:call-template name="literal-triple">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($adres, 'Adresvoorstelling.huisnummer')"/>
			<xsl:with-param name="lex" select="*[local-name()='Huisnummer']"/>
		</xsl:call-template>
		<xsl:call-template name="literal-triple">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($adres, 'Adresvoorstelling.busnummer')"/>
			<xsl:with-param name="lex" select="*[local-name()='Busnummer']"/>
		</xsl:call-template>
		<xsl:call-template name="literal-triple">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($locn, 'postCode')"/>
			<xsl:with-param name="lex" select="*[local-name()='Postcode']"/>
		</xsl:call-template>
		<xsl:apply-templates select="$gemeente" mode="taalstring">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($adres, 'gemeentenaam')"/>
		</xsl:apply-templates>
		<xsl:apply-templates select="$land" mode="taalstring">
			<xsl:with-param name="s" select="$adr"/>
			<xsl:with-param name="p" select="concat($adres, 'land')"/>
		</xsl:apply-templates>

		<xsl:choose>
			<xsl:when test="normalize-space(*[local-name()='VolledigAdres']/*[local-name()='String']) != ''">
				<xsl:apply-templates select="*[local-name()='VolledigAdres']" mode="taalstring">
					<xsl:with-param name="s" select="$adr"/>
					<xsl:with-param name="p" select="concat($locn, 'fullAddress')"/>
				</xsl:apply-templates>
			</xsl:when>
			<xsl:otherwise>
				<xsl:variable name="parts">
					<xsl:call-template name="part">
						<xsl:with-param name="v" select="$straat/*[local-name()='String']"/>
					</xsl:call-template>
					<xsl:call-template name="part">
						<xsl:with-param name="v" select="*[local-name()='Huisnummer']"/>
					</xsl:call-template>
					<xsl:if test="$busnummer != ''">
						<xsl:call-template name="part">
							<xsl:with-param name="v" select="concat('bus ', $busnummer)"/>
						</xsl:call-template>
					</xsl:if>
					<xsl:call-template name="part">
						<xsl:with-param name="v" select="*[local-name()='Postcode']"/>
					</xsl:call-template>
					<xsl:call-template name="part">
						<xsl:with-param name="v" select="$gemeente/*[local-name()='String']"/>
					</xsl:call-template>
					<xsl:call-template name="part">
						<xsl:with-param name="v" select="$land/*[local-name()='String']"/>
					</xsl:call-template>
				</xsl:variable>
				<xsl:call-template name="literal-triple">
					<xsl:with-param name="s" select="$adr"/>
					<xsl:with-param name="p" select="concat($locn, 'fullAddress')"/>
					<xsl:with-param name="lex" select="$parts"/>
					<xsl:with-param name="lang">
						<xsl:choose>
							<xsl:when test="$straat"><xsl:apply-templates select="$straat" mode="lang"/></xsl:when>
							<xsl:when test="$gemeente"><xsl:apply-templates select="$gemeente" mode="lang"/></xsl:when>
							<xsl:otherwise>nl</xsl:otherwise>
						</xsl:choose>
					</xsl:with-param>
				</xsl:call-template>
			</xsl:otherwise>
		</xsl:choose>
	</xsl:template>

	<!-- " value", trimmed, when not empty (the leading space is trimmed at the end) -->
	<xsl:template name="part">
		<xsl:param name="v"/>
		<xsl:variable name="t">
			<xsl:call-template name="trim">
				<xsl:with-param name="s" select="$v"/>
			</xsl:call-template>
		</xsl:variable>
		<xsl:if test="$t != ''">
			<xsl:value-of select="concat(' ', $t)"/>
		</xsl:if>
	</xsl:template>

	<!-- a TaalstringType {String, Taal}; nl when Taal is absent -->
	<xsl:template match="*" mode="taalstring">
		<xsl:param name="s"/>
		<xsl:param name="p"/>
		<xsl:call-template name="literal-triple">
			<xsl:with-param name="s" select="$s"/>
			<xsl:with-param name="p" select="$p"/>
			<xsl:with-param name="lex" select="*[local-name()='String']"/>
			<xsl:with-param name="lang"><xsl:apply-templates select="." mode="lang"/></xsl:with-param>
		</xsl:call-template>
	</xsl:template>

	<xsl:template match="*" mode="lang">
		<xsl:variable name="taal" select="normalize-space(*[local-name()='Taal'])"/>
		<xsl:choose>
			<xsl:when test="$taal != ''"><xsl:value-of select="$taal"/></xsl:when>
			<xsl:otherwise>nl</xsl:otherwise>
		</xsl:choose>
	</xsl:template>

	<!-- ===== strings ===== -->

	<xsl:template name="trim">
		<xsl:param name="s"/>
		<xsl:variable name="ws" select="' &#9;&#10;&#13;'"/>
		<xsl:choose>
			<xsl:when test="$s != '' and contains($ws, substring($s, 1, 1))">
				<xsl:call-template name="trim">
					<xsl:with-param name="s" select="substring($s, 2)"/>
				</xsl:call-template>
			</xsl:when>
			<xsl:when test="$s != '' and contains($ws, substring($s, string-length($s), 1))">
				<xsl:call-template name="trim">
					<xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
				</xsl:call-template>
			</xsl:when>
			<xsl:otherwise>
				<xsl:value-of select="$s"/>
			</xsl:otherwise>
		</xsl:choose>
	</xsl:template>

	<!-- N-Triples string escapes: backslash, quote, line breaks -->
	<xsl:template name="escape">
		<xsl:param name="s"/>
		<xsl:choose>
			<xsl:when test="translate($s, '\&quot;&#10;&#13;', '') = $s">
				<xsl:value-of select="$s"/>
			</xsl:when>
			<xsl:otherwise>
				<xsl:variable name="c" select="substring($s, 1, 1)"/>
				<xsl:choose>
					<xsl:when test="$c = '\'">\\</xsl:when>
					<xsl:when test="$c = '&quot;'">\"</xsl:when>
					<xsl:when test="$c = '&#10;'">\n</xsl:when>
					<xsl:when test="$c = '&#13;'">\r</xsl:when>
					<xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
				</xsl:choose>
				<xsl:call-template name="escape">
					<xsl:with-param name="s" select="substring($s, 2)"/>
				</xsl:call-template>
			</xsl:otherwise>
		</xsl:choose>
	</xsl:template>
</xsl:stylesheet>
