/*
 * core_buf.c
 *	  Growable byte buffers and UTF-8 checks.
 */
#include "oslo_core.h"

#include <stdio.h>
#include <string.h>

void
oslo_buf_init(oslo_buf *b)
{
	b->cap = 256;
	b->len = 0;
	b->data = oslo_alloc(b->cap);
	b->data[0] = '\0';
}

void
oslo_buf_reserve(oslo_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	/* SIZE_MAX / 2 would already exceed every host's allocation limit */
	if (need > ((size_t)1 << 40))
		oslo_error(OSLO_ERR_LIMIT, "output buffer would exceed 1 TB");
	while (b->cap < need)
		b->cap *= 2;
	b->data = oslo_realloc(b->data, b->cap);
}

void
oslo_buf_append(oslo_buf *b, const char *s, size_t len)
{
	oslo_buf_reserve(b, len);
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
oslo_buf_puts(oslo_buf *b, const char *s)
{
	oslo_buf_append(b, s, strlen(s));
}

void
oslo_buf_putc(oslo_buf *b, char c)
{
	oslo_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
oslo_buf_printf(oslo_buf *b, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, args);
	va_end(args);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len)
	{
		oslo_buf_reserve(b, (size_t)n);
		va_start(args, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, args);
		va_end(args);
	}
	b->len += (size_t)n;
}

void
oslo_buf_json_escaped(oslo_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;

		switch (c)
		{
			case '"':
				esc = "\\\"";
				break;
			case '\\':
				esc = "\\\\";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			case '\b':
				esc = "\\b";
				break;
			case '\f':
				esc = "\\f";
				break;
			default:
				if (c >= 0x20)
					continue;
		}
		oslo_buf_append(b, s + start, i - start);
		if (esc)
			oslo_buf_puts(b, esc);
		else
		{
			char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};

			oslo_buf_puts(b, u);
		}
		start = i + 1;
	}
	oslo_buf_append(b, s + start, len - start);
}

void
oslo_buf_reset(oslo_buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

void
oslo_buf_free(oslo_buf *b)
{
	oslo_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

uint32_t
oslo_hash_bytes(uint32_t h, const char *s, size_t len)
{
	/*
	 * Eight bytes per step (multiply and xor-shift, the mixers of
	 * SplitMix64): interning hashes every IRI and label of a document, and
	 * byte-at-a-time FNV-1a was a visible part of JSON-LD toRdf. Only
	 * in-memory tables use it; nothing stores its values.
	 */
	uint64_t x = h ^ ((uint64_t)len * 0x9E3779B97F4A7C15ull);

	while (len >= 8)
	{
		uint64_t w;

		memcpy(&w, s, 8);
		x = (x ^ w) * 0xbf58476d1ce4e5b9ull;
		x ^= x >> 29;
		s += 8;
		len -= 8;
	}
	if (len)
	{
		uint64_t w = 0;

		memcpy(&w, s, len);
		x = (x ^ w) * 0x94d049bb133111ebull;
		x ^= x >> 32;
	}
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 29;
	return (uint32_t)(x ^ (x >> 32));
}

bool
oslo_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;

		if (c == 0)
			return false;
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			n = 2, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			n = 3, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			n = 4, cp = c & 0x07;
		else
			return false;
		if (i + n > len)
			return false;
		for (size_t k = 1; k < n; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}
