/*
 * sched/labels.c - short labels for jobs in Gantt charts (labels.h).
 */
#include "sched/labels.h"

#include <stdlib.h>
#include <string.h>

static bool lb_usable(char c)
{
	return c > ' ' && c < 127 && c != '.' && c != '-';
}

/* Length of the common prefix of all names, leaving each at least one. */
static size_t lb_prefix(const struct sched_workload *w)
{
	size_t p = strlen(w->jobs[0].name), n;
	int i;

	for (i = 1; i < w->njobs; i++) {
		const char *a = w->jobs[0].name, *b = w->jobs[i].name;

		n = 0;
		while (n < p && a[n] && a[n] == b[n])
			n++;
		p = n;
	}
	for (i = 0; i < w->njobs; i++) {
		n = strlen(w->jobs[i].name);
		if (p >= n)
			p = n ? n - 1 : 0;
	}
	return p;
}

/* Common suffix of the names after @p, leaving each at least one char. */
static size_t lb_suffix(const struct sched_workload *w, size_t p)
{
	size_t s = (size_t)-1, n;
	int i;

	for (i = 0; i < w->njobs; i++) {
		const char *a = w->jobs[0].name, *b = w->jobs[i].name;
		size_t la = strlen(a), lbn = strlen(b);

		n = 0;
		while (n < la - p && n < lbn - p && a[la - 1 - n] == b[lbn - 1 - n])
			n++;
		if (n < s)
			s = n;
	}
	for (i = 0; i < w->njobs; i++) {
		n = strlen(w->jobs[i].name) - p;
		if (s >= n)
			s = n ? n - 1 : 0;
	}
	return s;
}

/* The usable characters of @name[p, len - s) into @out; their count. */
static int lb_core(const char *name, size_t p, size_t s, char *out)
{
	size_t len = strlen(name), i;
	int n = 0;

	for (i = p; i + s < len; i++)
		if (lb_usable(name[i]))
			out[n++] = name[i];
	out[n] = '\0';
	return n;
}

/*
 * Labels in use: a label is at most two ASCII characters, so a bitmap of
 * 128 * 128 answers "taken?" at once (100,000 jobs stay linear).
 */
struct lb_used {
	unsigned char bit[128 * 128 / 8];
};

static unsigned lb_key(const char *s)
{
	return (unsigned)(unsigned char)s[0] * 128u +
	       (s[0] ? (unsigned char)s[1] : 0u);
}

static bool lb_taken(const struct lb_used *u, const char *s)
{
	unsigned k = lb_key(s);

	return u->bit[k / 8] & (1u << (k % 8));
}

static void lb_take(struct lb_used *u, const char *s)
{
	unsigned k = lb_key(s);

	u->bit[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* Names that are single distinct usable characters are their own labels. */
static bool lb_own(const struct sched_workload *w,
		   char (*labels)[SCHED_LABEL_LEN])
{
	bool seen[128] = { false };
	int i;

	for (i = 0; i < w->njobs; i++) {
		unsigned char c = (unsigned char)w->jobs[i].name[0];

		if (!lb_usable((char)c) || w->jobs[i].name[1] || seen[c])
			return false;
		seen[c] = true;
	}
	for (i = 0; i < w->njobs; i++) {
		labels[i][0] = w->jobs[i].name[0];
		labels[i][1] = '\0';
	}
	return true;
}

/* Two-cell labels: whole short cores, lone initials, initial + later. */
static void lb_two(const struct sched_workload *w, char (*core)[SCHED_NAME_MAX],
		   char (*labels)[SCHED_LABEL_LEN], bool *done)
{
	static const char pool[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	enum { NPOOL = sizeof(pool) - 1 };
	struct lb_used *u = calloc(1, sizeof(*u));
	int initials[128] = { 0 };
	int i, k, n = w->njobs, next = 0;

	for (i = 0; i < n; i++)
		initials[(unsigned char)core[i][0] & 127]++;
	for (i = 0; i < n; i++) {
		size_t len = strlen(core[i]);

		if (len >= 1 && len <= 2 && !(u && lb_taken(u, core[i]))) {
			strcpy(labels[i], core[i]);
			done[i] = true;
			if (u)
				lb_take(u, core[i]);
		}
	}
	for (i = 0; i < n; i++) {
		char c[SCHED_LABEL_LEN] = { core[i][0], '\0', '\0' };

		if (done[i])
			continue;
		if (c[0] && initials[(unsigned char)c[0] & 127] == 1 &&
		    u && !lb_taken(u, c))
			goto take;
		/* The last character tells cpu1 from cpu2: c1, c2. */
		for (k = (int)strlen(core[i]) - 1; u && c[0] && k >= 1; k--) {
			c[1] = core[i][k];
			if (!lb_taken(u, c))
				goto take;
		}
		/* Pairs from the pool, in order, each tried once overall. */
		while (next < NPOOL * NPOOL) {
			c[0] = pool[next / NPOOL];
			c[1] = pool[next % NPOOL];
			next++;
			if (!u || !lb_taken(u, c))
				goto take;
		}
		strcpy(c, "**");	/* more than 62 * 62 jobs */
take:
		strcpy(labels[i], c);
		done[i] = true;
		if (u)
			lb_take(u, c);
	}
	free(u);
}

int sched_labels(const struct sched_workload *w,
		 char (*labels)[SCHED_LABEL_LEN], bool *legend)
{
	char (*core)[SCHED_NAME_MAX] = NULL;
	bool *done = NULL, one = true, seen[128] = { false };
	size_t p, s;
	int i, width = 1;

	*legend = false;
	if (w->njobs <= 0 || lb_own(w, labels))
		return 1;
	core = calloc((size_t)w->njobs, sizeof(*core));
	done = calloc((size_t)w->njobs, sizeof(*done));
	/* One job has no common part to leave out. */
	p = w->njobs > 1 ? lb_prefix(w) : 0;
	s = w->njobs > 1 ? lb_suffix(w, p) : 0;
	for (i = 0; i < w->njobs; i++) {
		if (core)
			lb_core(w->jobs[i].name, p, s, core[i]);
		if (!core || !core[i][0] || seen[(unsigned char)core[i][0]])
			one = false;
		else
			seen[(unsigned char)core[i][0]] = true;
	}
	for (i = 0; one && i < w->njobs; i++) {
		labels[i][0] = core[i][0];
		labels[i][1] = '\0';
	}
	if (!one && core && done) {
		lb_two(w, core, labels, done);
		width = 2;
	} else if (!one) {
		/* Out of memory: plain letters still tell the jobs apart. */
		for (i = 0; i < w->njobs; i++) {
			labels[i][0] = (char)('A' + i % 26);
			labels[i][1] = i < 26 ? '\0' : (char)('0' + i / 26 % 10);
			labels[i][2] = '\0';
		}
		width = w->njobs > 26 ? 2 : 1;
	}
	free(core);
	free(done);
	for (i = 0; i < w->njobs; i++)
		if (strcmp(labels[i], w->jobs[i].name) != 0)
			*legend = true;
	if (width == 2) {
		width = 1;
		for (i = 0; i < w->njobs; i++)
			if (labels[i][1])
				width = 2;
	}
	return width;
}

char sched_label_cell(const char *label, int width, int pos, char fill)
{
	if (width <= 1 || pos < 0)
		return label[0];
	return pos < (int)strlen(label) ? label[pos] : fill;
}
