/*
 * common/clock.h - the monotonic clock in milliseconds, written once for
 * every layer (sched/, scenarios/ and viz/ may all include common/, which
 * includes nothing but libc).
 *
 * CLOCK_MONOTONIC: unaffected by changes of the wall clock, so deadlines
 * and time lines do not jump when the lecturer's laptop syncs its time.
 * Its origin is unspecified (boot, on Linux): use differences only.
 */
#ifndef PROCVIZ_COMMON_CLOCK_H
#define PROCVIZ_COMMON_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
