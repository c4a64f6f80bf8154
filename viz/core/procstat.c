/*
 * viz/core/procstat.c - parse a /proc stat line (see procstat.h).
 */
#include "viz/core/procstat.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* Skip @n space-separated fields starting at @q; NULL when the line ends. */
static const char *procstat_skip(const char *q, int n)
{
	while (n-- > 0 && q) {
		q = strchr(q, ' ');
		if (q)
			q++;
	}
	return q;
}

unsigned long long procstat_num(const char **pp)
{
	const char *q = *pp;
	unsigned long long v = 0;
	bool neg = false;

	if (*q == '-') {
		neg = true;
		q++;
	}
	while (*q >= '0' && *q <= '9')
		v = v * 10 + (unsigned)(*q++ - '0');
	if (*q == ' ')
		q++;
	*pp = q;
	return neg ? (unsigned long long)-(long long)v : v;
}

int procstat_parse(const char *buf, struct procstat *out)
{
	const char *open_paren = strchr(buf, '(');
	const char *close_paren = strrchr(buf, ')');
	const char *q;
	size_t len;

	if (!open_paren || !close_paren || close_paren < open_paren ||
	    close_paren[1] != ' ' || !close_paren[2])
		return -EINVAL;
	len = (size_t)(close_paren - open_paren - 1);
	if (len >= sizeof(out->comm))
		len = sizeof(out->comm) - 1;
	memcpy(out->comm, open_paren + 1, len);
	out->comm[len] = '\0';
	q = close_paren + 2;
	out->state = *q;
	out->exit_code = -1;
	q = procstat_skip(q, 1);		/* field 4 */
	if (!q)
		return -EINVAL;
	out->ppid = (int)procstat_num(&q);
	out->pgid = (int)procstat_num(&q);
	out->sid = (int)procstat_num(&q);
	out->tty_nr = (int)procstat_num(&q);	/* 7 */
	q = procstat_skip(q, 6);		/* 8..13 -> 14 */
	if (!q)
		return -EINVAL;
	out->cpu_ticks = procstat_num(&q);
	out->cpu_ticks += procstat_num(&q);	/* 15 */
	q = procstat_skip(q, 4);		/* 16..19 -> 20 */
	if (!q)
		return -EINVAL;
	out->threads = (int)procstat_num(&q);
	q = procstat_skip(q, 1);		/* 21 -> 22 */
	if (!q)
		return -EINVAL;
	out->start_ticks = procstat_num(&q);
	q = procstat_skip(q, 29);		/* 23..51 -> 52 */
	/* A zombie, or a task being reaped this instant (X, x). */
	if ((out->state == 'Z' || out->state == 'X' || out->state == 'x') &&
	    q && *q)
		out->exit_code = (int)procstat_num(&q);
	return 0;
}
