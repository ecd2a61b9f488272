/*
 * oots_exception.c
 *	  An EDM error response -- query:QueryResponse with status Failure and an
 *	  rs:Exception -- raised as an error carrying the EDM error code.
 *
 * The message names the code (EDM:ERR:0001 ... 0008) and the provider's
 * message; DETAIL holds everything a caller needs to act on it: the
 * exception type and severity, the provider's detail, the request id and,
 * for a preview (EDM:ERR:0002 with severity PreviewRequired), the
 * PreviewLocation the user must be sent to. Raised as OSLO_ERR_DATA
 * (22000), as a MAGDA FOUT is; oslo.oots_response_to_graph raises its own
 * SQLSTATE OOTS0 before it gets here (sql/parts/60_oots.sql).
 */
#include "oots.h"

#include <string.h>

static void
detail_attr(oslo_buf *b, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	oslo_buf_printf(b, "%s%s: %.500s", b->len ? "; " : "", label, value);
}

static void
detail_slot(oslo_buf *b, xmlNodePtr exception, const char *slot)
{
	xmlNodePtr value = oots_slot_value(exception, slot);
	char *text = oots_text(oots_child(value, NS_RIM, "Value"));

	detail_attr(b, slot, text);
	oslo_free(text);
}

void
oots_raise_exception(xmlNodePtr response, xmlNodePtr exception)
{
	const char *code, *message;
	oslo_buf detail;

	if (exception == NULL)
		oslo_error(
		    OSLO_ERR_DATA, "OOTS error response without rs:Exception: status %s, no EDM error code",
		    oots_attr(response, NULL, "status") ? oots_attr(response, NULL, "status") : "missing");
	code = oots_attr(exception, NULL, "code");
	message = oots_attr(exception, NULL, "message");
	oslo_buf_init(&detail);
	detail_attr(&detail, "code", code);
	detail_attr(&detail, "type", oots_attr(exception, NS_XSI, "type"));
	detail_attr(&detail, "severity", oots_attr(exception, NULL, "severity"));
	detail_attr(&detail, "detail", oots_attr(exception, NULL, "detail"));
	detail_attr(&detail, "requestId", oots_attr(response, NULL, "requestId"));
	detail_slot(&detail, exception, "Timestamp");
	detail_slot(&detail, exception, "PreviewLocation");
	detail_slot(&detail, exception, "PreviewMethod");
	oslo_error_detail(OSLO_ERR_DATA, detail.data, "OOTS error response %.100s: %.500s",
	                  code && *code ? code : "without an EDM error code",
	                  message && *message ? message : "(no message)");
}
