/*
 * tests/unit/viz_testlib.h - fixtures shared by the core's unit tests
 * (test_viz_*, and the UI's where they build snapshots): a model with the
 * snapshot being built, a hand-written process reading, the monotonic
 * clock.  Like sched_testlib.h, static inline: each test takes what it
 * uses.
 */
#ifndef PROCVIZ_TESTS_VIZ_TESTLIB_H
#define PROCVIZ_TESTS_VIZ_TESTLIB_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "viz/core/model.h"
#include "viz/core/snapshot.h"

/* CLOCK_MONOTONIC in milliseconds, for a test's own deadlines. */
static inline int64_t vt_mono_ms(void)
{
	return clock_now_ms();
}

/*
 * A process reading added to @s: parent @ppid (also its process group and
 * session), /proc state letter @st, one thread, started at clock tick
 * 1000 + @pid, named @comm.  Fails the test when @s cannot grow.
 */
static inline struct snap_proc *vt_proc(struct snapshot *s, int pid,
					int ppid, const char *comm, char st)
{
	struct snap_proc *p = snapshot_add_proc(s, pid);

	assert_non_null(p);
	p->ppid = ppid;
	p->pgid = ppid;
	p->sid = ppid;
	p->state = st;
	p->threads = 1;
	p->start_ticks = 1000 + (uint64_t)pid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	return p;
}

/* A model and the snapshot a test builds for it (cmocka's state). */
struct model_fixture {
	struct model m;
	struct snapshot s;
};

/* cmocka setup: an empty model and snapshot; -1 if the model fails. */
static inline int model_fixture_setup(void **state)
{
	static struct model_fixture f;

	memset(&f, 0, sizeof(f));
	if (model_init(&f.m))
		return -1;
	snapshot_init(&f.s);
	*state = &f;
	return 0;
}

/* cmocka teardown: frees what model_fixture_setup made. */
static inline int model_fixture_teardown(void **state)
{
	struct model_fixture *f = *state;

	model_clear(&f->m);
	snapshot_clear(&f->s);
	return 0;
}

#endif
