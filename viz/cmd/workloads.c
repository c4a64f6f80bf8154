/*
 * viz/cmd/workloads.c - the bundled workloads: the textbook examples lecturers
 * reach for, plus a few that show a policy's weak spot.  Each text says
 * where it comes from, what the book answers, and which options show it.
 */
#include "viz/cmd/workloads.h"
#include "common/i18n.h"

#include <stddef.h>
#include <string.h>

const struct workloads_entry workloads_table[] = {
	{ "silberschatz",
	  N_("Silberschatz FCFS/RR: P1=24, P2=3, P3=3 all at 0 (FCFS avg wait 17, RR q=4 5.67)"),
	  "# Silberschatz, Galvin, Gagne: Operating System Concepts, \"CPU Scheduling\".\n"
	  "# FCFS: average waiting 17; RR with quantum 4: average waiting 17/3 = 5.67.\n"
	  "# try: procviz sched silberschatz --policy fcfs,rr --quantum 4\n"
	  "# name  arrival  bursts\n"
	  "P1      0        24\n"
	  "P2      0        3\n"
	  "P3      0        3\n" },
	{ "silberschatz-sjf",
	  N_("Silberschatz SJF set: bursts 6, 8, 7, 3 at 0 (SJF avg wait 7, FCFS 10.25)"),
	  "# Silberschatz's SJF example: all arrive at 0.\n"
	  "# SJF: average waiting 7 (FCFS would give 10.25).\n"
	  "# try: procviz sched silberschatz-sjf --policy sjf,fcfs\n"
	  "P1  0  6\n"
	  "P2  0  8\n"
	  "P3  0  7\n"
	  "P4  0  3\n" },
	{ "silberschatz-srtf",
	  N_("Silberschatz SRTF set: (0,8) (1,4) (2,9) (3,5) (SRTF avg wait 6.5, SJF 7.75)"),
	  "# Silberschatz's preemptive SJF (SRTF) example.\n"
	  "# SRTF: average waiting 6.5; non-preemptive SJF: 7.75.\n"
	  "# try: procviz sched silberschatz-srtf --policy srtf,sjf\n"
	  "P1  0  8\n"
	  "P2  1  4\n"
	  "P3  2  9\n"
	  "P4  3  5\n" },
	{ "silberschatz-priority",
	  N_("Silberschatz priority set: burst/priority 10/3 1/1 2/4 1/5 5/2 (avg wait 8.2)"),
	  "# Silberschatz's priority example (smaller number = higher priority).\n"
	  "# Non-preemptive priority: average waiting 8.2.\n"
	  "# try: procviz sched silberschatz-priority --policy prio\n"
	  "# name arrival burst priority\n"
	  "P1  0  10  3\n"
	  "P2  0  1   1\n"
	  "P3  0  2   4\n"
	  "P4  0  1   5\n"
	  "P5  0  5   2\n" },
	{ "stallings",
	  N_("Stallings' five processes A-E (0,3) (2,6) (4,4) (6,5) (8,2): every policy"),
	  "# Stallings: Operating Systems, Internals and Design Principles,\n"
	  "# \"Uniprocessor Scheduling\" (the A-E comparison table).\n"
	  "# Finish times: FCFS 3 9 13 18 20; SPN 3 9 15 20 11; SRT 3 15 8 20 10;\n"
	  "# HRRN 3 9 13 20 15; RR q=4 3 17 11 20 19.  RR q=1 needs the textbook\n"
	  "# convention: procviz sched stallings --policy rr --quantum 1 --convention textbook\n"
	  "A  0  3\n"
	  "B  2  6\n"
	  "C  4  4\n"
	  "D  6  5\n"
	  "E  8  2\n" },
	{ "ostep-mlfq",
	  N_("OSTEP MLFQ figure: a long job (0,180) and a short one at 100 (turnarounds 200, 20)"),
	  "# Arpaci-Dusseau, OSTEP chapter 8 (MLFQ): a long-running job, then a\n"
	  "# short interactive-ish job arrives at 100.  3 levels, quantum 10:\n"
	  "# turnarounds 200 and 20 - the short job finishes as if alone.\n"
	  "# try: procviz sched ostep-mlfq --policy mlfq,fcfs\n"
	  "A  0    180\n"
	  "B  100  20\n" },
	{ "convoy",
	  N_("Convoy effect: one 100-tick job ahead of two 10-tick jobs (FCFS avg turnaround 110)"),
	  "# OSTEP chapter 7: the convoy effect.  FCFS average turnaround 110;\n"
	  "# SJF 50; RR gives good response, bad turnaround.\n"
	  "# try: procviz sched convoy --policy fcfs,sjf,rr\n"
	  "A  0  100\n"
	  "B  0  10\n"
	  "C  0  10\n" },
	{ "starvation",
	  N_("Starvation under SJF: a 20-tick job passed over by a stream of 2-tick jobs"),
	  "# A long job waits while short jobs keep arriving: SJF and SRTF pick\n"
	  "# the short ones every time, so L only runs once the stream stops.\n"
	  "# HRRN ages L (its response ratio grows while it waits) and runs it sooner.\n"
	  "# try: procviz sched starvation --policy sjf,srtf,hrrn,fcfs\n"
	  "S0  0   3\n"
	  "L   1   20\n"
	  "S1  2   2\n"
	  "S2  4   2\n"
	  "S3  6   2\n"
	  "S4  8   2\n"
	  "S5  10  2\n"
	  "S6  12  2\n"
	  "S7  14  2\n"
	  "S8  16  2\n"
	  "S9  18  2\n"
	  "S10 20  2\n"
	  "S11 22  2\n"
	  "S12 24  2\n" },
	{ "io-mix",
	  N_("IO-bound vs CPU-bound: two short-burst IO jobs beside two CPU hogs"),
	  "# IO-bound jobs (1 tick of CPU, 4 of IO, repeated) beside CPU-bound\n"
	  "# ones.  FCFS makes the IO jobs wait behind the hogs and leaves the\n"
	  "# disk idle; RR and MLFQ keep both busy.\n"
	  "# try: procviz sched io-mix --policy fcfs,rr,mlfq\n"
	  "CPU1  0  40\n"
	  "CPU2  0  40\n"
	  "IO1   0  1/4/1/4/1/4/1/4/1/4/1/4/1/4/1\n"
	  "IO2   1  1/4/1/4/1/4/1/4/1/4/1/4/1/4/1\n" },
	{ "mlfq-gaming",
	  N_("Gaming MLFQ: a job that yields just before its quantum ends keeps the top level"),
	  "# OSTEP chapter 8: with the old rule (--mlfq-io-stay) a job that issues\n"
	  "# IO just before its quantum expires keeps its priority and starves the\n"
	  "# CPU-bound job; OSTEP's rule 4 (the default) charges its use and demotes it.\n"
	  "# try: procviz sched mlfq-gaming --policy mlfq --mlfq-io-stay\n"
	  "#      procviz sched mlfq-gaming --policy mlfq\n"
	  "HOG    0  100\n"
	  "GAMER  0  9/1/9/1/9/1/9/1/9/1/9/1/9/1/9/1/9/1/9/1/9\n" },
	{ NULL, NULL, NULL },
};

const struct workloads_entry *workloads_find(const char *name)
{
	const struct workloads_entry *e;

	if (!name)
		return NULL;
	for (e = workloads_table; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
