/*
 * tests/fuzz/fuzz_report_obs.c - libFuzzer harness for the observation
 * sinks.  Process names and command lines are chosen by whoever starts a
 * process, so any bytes may reach the JSON and text writers.  The input
 * fills an event (type, numbers, comm, command line / note text, then
 * what a blocked task waits for: the kind, its tid, and the system call,
 * fd link and wchan texts, an fd link being any path); the JSON
 * line must be one valid JSON object (checked by a small validator: no raw
 * control bytes, strings closed, every escape known) and both writers must
 * stay inside their buffers and report the length they needed.
 */
#include "viz/core/model.h"
#include "viz/core/report_obs.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Validate one JSON object whose values are strings, whole numbers,
 * true, false or null (what the observation lines hold). */
static const char *skip_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
				continue;
			}
			if (!*p || !strchr("\"\\/bfnrt", *p))
				return NULL;
		}
		p++;
	}
	return *p == '"' ? p + 1 : NULL;
}

static bool valid_object(const char *p)
{
	if (*p++ != '{')
		return false;
	for (;;) {
		p = skip_string(p);
		if (!p || *p++ != ':')
			return false;
		if (*p == '"') {
			p = skip_string(p);
			if (!p)
				return false;
		} else if (strncmp(p, "true", 4) == 0 ||
			   strncmp(p, "null", 4) == 0) {
			p += 4;
		} else if (strncmp(p, "false", 5) == 0) {
			p += 5;
		} else {
			if (*p == '-')
				p++;
			if (*p < '0' || *p > '9')
				return false;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == '}')
			return p[1] == '\0';
		if (*p++ != ',')
			return false;
	}
}

static void take(const uint8_t **d, size_t *n, void *out, size_t len)
{
	size_t k = *n < len ? *n : len;

	memset(out, 0, len);
	memcpy(out, *d, k);
	*d += k;
	*n -= k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_event ev;
	char json[4096], text[4096], small[7];
	int32_t nums[6];
	uint8_t type;
	int n;

	memset(&ev, 0, sizeof(ev));
	take(&data, &size, &type, 1);
	take(&data, &size, nums, sizeof(nums));
	ev.type = (enum model_event_type)(type % (MODEL_EV_NOTE + 1));
	ev.t_ms = nums[0] < 0 ? -(int64_t)nums[0] : nums[0];
	ev.pid = nums[1];
	ev.ppid = nums[2];
	take(&data, &size, ev.comm, sizeof(ev.comm) - 1);
	switch (ev.type) {
	case MODEL_EV_SPAWN:
		ev.u.spawn.state = (enum model_state)((unsigned)nums[3] % 6);
		break;
	case MODEL_EV_STATE:
		ev.u.state.from = (enum model_state)((unsigned)nums[3] % 6);
		ev.u.state.to = (enum model_state)((unsigned)nums[4] % 6);
		break;
	case MODEL_EV_EXIT:
		ev.u.exit.status = nums[3] % 300;
		ev.u.exit.signal = nums[4] % 70;
		break;
	case MODEL_EV_REAP:
		ev.u.reap.by = nums[3];
		ev.u.reap.zombie_ms = nums[4];
		break;
	case MODEL_EV_REPARENT:
		ev.u.reparent.from = nums[3];
		ev.u.reparent.to = nums[4];
		take(&data, &size, ev.u.reparent.to_comm,
		     sizeof(ev.u.reparent.to_comm) - 1);
		break;
	case MODEL_EV_THREADS:
		ev.u.threads.from = nums[3];
		ev.u.threads.count = nums[4];
		break;
	case MODEL_EV_EXEC:
		ev.u.exec.renamed = nums[3] & 1;
		ev.u.exec.seen = (enum model_exec_seen)((unsigned)nums[4] % 4);
		take(&data, &size, ev.u.exec.cmdline,
		     sizeof(ev.u.exec.cmdline) - 1);
		break;
	case MODEL_EV_NOTE:
		take(&data, &size, ev.u.note.text, sizeof(ev.u.note.text) - 1);
		break;
	default:
		break;
	}
	ev.tid = nums[5];
	take(&data, &size, &type, 1);
	ev.wait = (enum wait_kind)(type % WAIT_N_KINDS);
	take(&data, &size, ev.syscall, sizeof(ev.syscall) - 1);
	take(&data, &size, ev.fd, sizeof(ev.fd) - 1);
	take(&data, &size, ev.wchan, sizeof(ev.wchan) - 1);
	n = report_obs_event_json(&ev, json, sizeof(json));
	if (n < 0 || (size_t)n >= sizeof(json) || strlen(json) != (size_t)n ||
	    !valid_object(json))
		abort();
	n = report_obs_event_text(&ev, true, text, sizeof(text));
	if (n < 0 || (size_t)n >= sizeof(text) || strlen(text) != (size_t)n)
		abort();
	/* Truncation: same needed length, output cut and terminated. */
	if (report_obs_event_json(&ev, small, sizeof(small)) !=
	    (int)strlen(json) || strlen(small) >= sizeof(small))
		abort();
	if (report_obs_event_text(&ev, false, small, sizeof(small)) < 0 ||
	    strlen(small) >= sizeof(small))
		abort();
	return 0;
}
