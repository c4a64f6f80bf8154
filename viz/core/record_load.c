/*
 * viz/core/record_load.c - recordings in memory (record.h): load a file,
 * check every line (record_schema.h), keep each item's line to decode it
 * again on demand.
 */
#include "viz/core/record_schema.h"
#include "viz/core/observer.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void record_item_init(struct record_item *it)
{
	memset(it, 0, sizeof(*it));
	snapshot_init(&it->snap);
}

void record_item_clear(struct record_item *it)
{
	snapshot_clear(&it->snap);
	memset(it, 0, sizeof(*it));
}

void recording_init(struct recording *r)
{
	memset(r, 0, sizeof(*r));
}

void recording_clear(struct recording *r)
{
	free(r->text);
	free(r->item_off);
	free(r->item_line);
	memset(r, 0, sizeof(*r));
}

static int recording_push(struct recording *r, size_t off, int line)
{
	if (r->n_items == r->cap_items) {
		size_t cap = r->cap_items ? r->cap_items * 2 : 256;
		size_t *o = realloc(r->item_off, cap * sizeof(*o));
		int *l;

		if (!o)
			return -ENOMEM;
		r->item_off = o;
		l = realloc(r->item_line, cap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		r->item_line = l;
		r->cap_items = cap;
	}
	r->item_off[r->n_items] = off;
	r->item_line[r->n_items] = line;
	r->n_items++;
	return 0;
}

/* Put @p over the line at @off of @r's text. */
static void reader_at(struct json_reader *p, const struct recording *r,
		      size_t off, int line)
{
	const char *nl = memchr(r->text + off, '\n', r->len - off);

	p->s = r->text + off;
	p->len = nl ? (size_t)(nl - p->s) : r->len - off;
	p->pos = 0;
	p->line = line;
}

static bool line_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/*
 * Check the line @p is over (not blank), number @line at @off: the
 * header if none was seen yet, else an item, kept.
 */
static int recording_take(struct recording *out, struct json_reader *p,
			  struct record_item *it, size_t off, int line,
			  bool *have_header)
{
	int rc;

	if (!*have_header) {
		*have_header = true;
		return record_line_parse(p, &out->header, NULL);
	}
	rc = record_line_parse(p, NULL, it);
	if (rc)
		return rc;
	rc = recording_push(out, off, line);
	if (rc)
		p->nomem = true;
	out->last_t_ms = it->t_ms;
	return rc;
}

/* Every line of out->text, checked in turn. */
static int recording_scan(struct recording *out, struct json_reader *p)
{
	struct record_item it;
	const char *nul;
	size_t off = 0;
	int line = 0, rc = 0;
	bool have_header = false;

	record_item_init(&it);
	while (off < out->len && !rc) {
		line++;
		reader_at(p, out, off, line);
		nul = memchr(p->s, '\0', p->len);
		if (nul) {
			p->pos = (size_t)(nul - p->s);
			rc = json_read_fail(p, "expected text (a NUL byte)");
		} else if (!line_blank(p->s, p->len)) {
			rc = recording_take(out, p, &it, off, line,
					    &have_header);
		}
		off += p->len + 1;
	}
	record_item_clear(&it);
	if (!rc && !have_header) {
		p->line = line > 0 ? line : 1;
		p->pos = 0;
		rc = json_read_fail(p, "expected a header line (the file is "
				    "empty)");
	}
	return rc;
}

int recording_parse_mem(const char *data, size_t len, const char *name,
			struct recording *out, char *err, size_t errlen)
{
	struct json_reader p = {
		.name = name ? name : "-", .err = err, .errlen = errlen,
	};
	int rc;

	recording_clear(out);
	snprintf(out->name, sizeof(out->name), "%s", p.name);
	out->text = malloc(len + 1);
	if (!out->text) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -ENOMEM;
	}
	memcpy(out->text, data, len);
	out->text[len] = '\0';
	out->len = len;
	rc = recording_scan(out, &p);
	if (rc) {
		if (p.nomem) {
			snprintf(err, errlen, "%s", _("out of memory"));
			rc = -ENOMEM;
		}
		recording_clear(out);
	}
	return rc;
}

int recording_load(const char *path, struct recording *out, char *err,
		   size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (!f) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	for (;;) {
		if (cap - len < 65536) {
			char *b = realloc(buf, cap ? cap * 2 : 65536 * 2);

			if (!b) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "%s", _("out of memory"));
				return -ENOMEM;
			}
			buf = b;
			cap = cap ? cap * 2 : 65536 * 2;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		rc = errno ? -errno : -EIO;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		free(buf);
		fclose(f);
		return rc;
	}
	fclose(f);
	rc = recording_parse_mem(buf ? buf : "", len, path, out, err, errlen);
	free(buf);
	return rc;
}

int recording_item(const struct recording *r, size_t i,
		   struct record_item *it)
{
	struct json_reader p = { .name = r->name };
	int rc;

	reader_at(&p, r, r->item_off[i], r->item_line[i]);
	rc = record_line_parse(&p, NULL, it);
	if (rc && p.nomem)
		return -ENOMEM;
	return rc;
}

void recording_report_header(const struct recording *r,
			     struct report_obs_header *h)
{
	memset(h, 0, sizeof(*h));
	h->source = r->header.source;
	h->scenario = r->header.scenario[0] ? r->header.scenario : NULL;
	h->command = r->header.command[0] ? r->header.command : NULL;
	h->pid = r->header.pid;
	h->interval_ms = r->header.interval_ms;
	h->event_source = r->header.event_source;
	h->say_subreaper = r->header.say_subreaper;
	h->subreaper = r->header.subreaper;
	h->sources = r->header.sources[0] ? r->header.sources : NULL;
	h->threads = r->header.threads;
}
