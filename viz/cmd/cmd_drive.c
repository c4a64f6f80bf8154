/*
 * viz/cmd/cmd_drive.c - `procviz drive WORKLOAD --policy P [--tick-ms MS]`.
 *
 * The workload and policy options are those of `procviz sched`
 * (viz/cmd/schedreq.c parses them); drive adds --tick-ms and takes
 * exactly one policy.  The run itself is viz/core/drive.c.  The report puts
 * the simulated and the measured times side by side, in ticks.
 */
#define _GNU_SOURCE
#include "viz/cmd/args.h"
#include "common/i18n.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/core/drive.h"
#include "viz/core/json.h"
#include "viz/core/report_sched.h"
#include "viz/core/textcol.h"
#include "viz/cmd/schedreq.h"
#include "viz/ui/ui_drive.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char drive_usage[] =
	N_("Usage: procviz drive WORKLOAD --policy P [options]\n"
	"\n"
	"Run every job of WORKLOAD as a real process pinned to one CPU, and\n"
	"schedule them from user space (SIGSTOP / SIGCONT) exactly as the\n"
	"simulator schedules the same workload under policy P; then compare\n"
	"the times /proc measured with the simulated ones.\n"
	"\n"
	"  --policy P             one policy (fcfs sjf srtf rr mlfq ...)\n"
	"  --tick-ms MS           real length of a tick, 5..10000 (default 100):\n"
	"                         MS of the job's own CPU time, or of wall time\n"
	"                         when the CPU idles\n"
	"  --cpu N                pin the jobs to CPU N (default: the last CPU\n"
	"                         procviz may use)\n"
	"  --headless             print the report instead of the live view\n"
	"  --format FMT           text (default) or json\n"
	"  --output FILE          write the report to FILE instead of stdout\n"
	"Workload and policy options are those of `procviz sched` (--jobs,\n"
	"--quantum, --mlfq-*, ...; see procviz sched --help).\n");

/* Is CPU @cpu in procviz's affinity mask? */
static bool drive_cpu_allowed(int cpu)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 &&
	       cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set);
}

/* drive's own options; the workload and policy ones are sched's. */
struct drive_args {
	int tick_ms, cpu;
};

static int drive_take(void *ctx, const struct args_option *opt,
		      const char *val, char *err, size_t errlen)
{
	struct drive_args *a = ctx;
	long v;

	if (opt->id == 't') {
		if (!cli_parse_long(val, DRIVE_TICK_MS_MIN, DRIVE_TICK_MS_MAX,
				    &v)) {
			snprintf(err, errlen, _("--tick-ms: expected a whole "
						"number %d..%d, got '%s'"),
				 DRIVE_TICK_MS_MIN, DRIVE_TICK_MS_MAX, val);
			return CLI_USAGE;
		}
		a->tick_ms = (int)v;
		return 0;
	}
	if (!cli_parse_long(val, 0, 1023, &v)) {
		snprintf(err, errlen, _("--cpu: expected a CPU number "
					"0..1023, got '%s'"), val);
		return CLI_USAGE;
	}
	if (!drive_cpu_allowed((int)v)) {
		snprintf(err, errlen, _("--cpu: CPU %ld is not one procviz "
					"may use"), v);
		return CLI_USAGE;
	}
	a->cpu = (int)v;
	return 0;
}

static const struct args_option drive_options[] = {
	{ "--tick-ms", true, 't', drive_take, 0 },
	{ "--cpu", true, 'c', drive_take, 0 },
};

/* ---- the report -------------------------------------------------------- */

/* Measured ms -> ticks, or -1 when unknown. */
static double drive_ticks(double ms, int tick_ms)
{
	return ms < 0 ? -1 : ms / tick_ms;
}

struct drive_row {
	long sim[5];		/* first run, finish, response, turnaround,
				 * waiting: simulated ticks */
	double meas[5];		/* measured ticks, -1 unknown */
};

static const char *const drive_metric[5] = {
	"first_run", "finish", "response", "turnaround", "waiting",
};

static void drive_row(const struct drive_result *r, int j,
		      struct drive_row *row)
{
	struct sched_result res;
	const struct sched_job_result *s;
	const struct drive_meas *m = &r->meas[j];

	sched_sim_result(r->sim, &res);
	s = &res.jobs[j];
	row->sim[0] = s->first_run;
	row->sim[1] = s->finish;
	row->sim[2] = s->response;
	row->sim[3] = s->turnaround;
	row->sim[4] = s->waiting;
	/* Measured instants on the simulated time line: tick = tick_ms. */
	row->meas[0] = drive_ticks(m->first_run, r->tick_ms);
	row->meas[1] = drive_ticks(m->finish, r->tick_ms);
	row->meas[2] = drive_ticks(m->response, r->tick_ms);
	row->meas[3] = drive_ticks(m->turnaround, r->tick_ms);
	row->meas[4] = m->arrival >= 0 ? drive_ticks(m->waiting, r->tick_ms) :
		       -1;
}

/* Job indices sorted by simulated (@measured false) or measured finish. */
static void drive_order(const struct drive_result *r, bool measured,
			int *order)
{
	struct drive_row a, b;
	int i, k, t;

	for (i = 0; i < r->njobs; i++)
		order[i] = i;
	for (i = 1; i < r->njobs; i++)
		for (k = i; k > 0; k--) {
			double fa, fb;

			drive_row(r, order[k - 1], &a);
			drive_row(r, order[k], &b);
			fa = measured ? a.meas[1] : (double)a.sim[1];
			fb = measured ? b.meas[1] : (double)b.sim[1];
			if (fa < 0)
				fa = 1e300;
			if (fb < 0)
				fb = 1e300;
			if (fa <= fb)
				break;
			t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
}

/*
 * The report is for people, in the class's language (common/i18n.h); its
 * table is padded by display columns (viz/core/textcol.h), so it lines up
 * in Chinese as in English, where it is what it always was.  Job names,
 * numbers and the metrics' JSON names stay as they are.
 */
static void drive_text_head(FILE *out, const struct schedreq *req,
			    const struct drive_result *r)
{
	/* TRANSLATORS: the drive table's short column headings (5 or 6
	 * columns wide): first run, finish, response, turnaround, wait. */
	const char *const cols[5] = {
		_("first"), _("fin"), _("resp"), _("turn"), _("wait"),
	};
	int k;

	if (r->interrupted)
		fprintf(out, _("procviz drive: %s under %s, 1 tick = %d ms, "
			       "jobs pinned to CPU %d, /proc read every %d ms "
			       "(INTERRUPTED)\n"), req->title,
			sched_sim_policy(r->sim), r->tick_ms, r->cpu,
			r->sample_ms);
	else
		fprintf(out, _("procviz drive: %s under %s, 1 tick = %d ms, "
			       "jobs pinned to CPU %d, /proc read every %d "
			       "ms\n"), req->title, sched_sim_policy(r->sim),
			r->tick_ms, r->cpu, r->sample_ms);
	fputs(_("Times in ticks.  simulated = the simulator; measured = "
		"/proc's view of the real processes.\n\n"), out);
	fprintf(out, "%-6s %7s | ", "", "");
	textcol_pad(out, _("simulated"), 29, true);
	fputs(" | ", out);
	textcol_pad(out, _("measured (from /proc)"), 34, true);
	fprintf(out, " | %s\n", _("measured - simulated"));
	textcol_pad(out, _("job"), 6, true);
	fputc(' ', out);
	textcol_pad(out, _("pid"), 7, false);
	fputs(" |", out);
	for (k = 0; k < 5; k++) {
		fputc(' ', out);
		textcol_pad(out, cols[k], 5, false);
	}
	fprintf(out, " |");
	for (int g = 0; g < 2; g++) {
		for (k = 0; k < 5; k++) {
			fputc(' ', out);
			textcol_pad(out, cols[k], 6, false);
		}
		fputs(g ? "\n" : " |", out);
	}
}

/*
 * Job @i's line of the table.  True when every value was measured; then
 * its differences are added to sum_diff[5].
 */
static bool drive_text_row(FILE *out, const struct drive_result *r, int i,
			   double *sum_diff)
{
	const struct sched_workload *w = sched_sim_workload(r->sim);
	struct drive_row row;
	bool all = true;
	int k;

	drive_row(r, i, &row);
	fprintf(out, "%-6s %7d |", w->jobs[i].name, r->meas[i].pid);
	for (k = 0; k < 5; k++)
		fprintf(out, " %5ld", row.sim[k]);
	fprintf(out, " |");
	for (k = 0; k < 5; k++) {
		if (row.meas[k] < 0) {
			fprintf(out, " %6s", "-");
			all = false;
		} else {
			fprintf(out, " %6.2f", row.meas[k]);
		}
	}
	fprintf(out, " |");
	for (k = 0; k < 5; k++) {
		if (row.meas[k] < 0 || row.sim[k] < 0)
			fprintf(out, " %6s", "-");
		else
			fprintf(out, " %+6.2f", row.meas[k] - row.sim[k]);
	}
	fprintf(out, "\n");
	for (k = 0; all && k < 5; k++)
		sum_diff[k] += row.meas[k] - row.sim[k];
	return all;
}

/* "finish order: simulated A B, measured B A (DIFFERENT)". */
static void drive_text_order(FILE *out, const struct drive_result *r)
{
	const struct sched_workload *w = sched_sim_workload(r->sim);
	int *os = calloc((size_t)r->njobs, sizeof(*os));
	int *om = calloc((size_t)r->njobs, sizeof(*om));
	char *ls = NULL, *lm = NULL;	/* the two orders, as text */
	size_t ns = 0, nm = 0;
	FILE *fs = open_memstream(&ls, &ns), *fm = open_memstream(&lm, &nm);
	bool same = true;
	int i;

	if (os && om && fs && fm) {
		drive_order(r, false, os);
		drive_order(r, true, om);
		for (i = 0; i < r->njobs; i++) {
			fprintf(fs, "%s%s", i ? " " : "", w->jobs[os[i]].name);
			fprintf(fm, "%s%s", i ? " " : "", w->jobs[om[i]].name);
			same = same && os[i] == om[i];
		}
	}
	if (fs)
		fclose(fs);
	if (fm)
		fclose(fm);
	if (os && om && fs && fm && ls && lm)
		fprintf(out, same ?
			_("\nfinish order: simulated %s, measured %s (the "
			  "same)\n") :
			_("\nfinish order: simulated %s, measured %s "
			  "(DIFFERENT)\n"), ls, lm);
	free(ls);
	free(lm);
	free(os);
	free(om);
}

/* What the kernel did meanwhile: schedstat's CPU and run-queue times. */
static void drive_text_kernel(FILE *out, const struct drive_result *r)
{
	const struct sched_workload *w = sched_sim_workload(r->sim);
	int i;

	fputs(_("\nWhere the wall time went (schedstat, ticks): on the CPU "
		"/ runnable but the\nkernel gave the CPU to another "
		"program:"), out);
	for (i = 0; i < r->njobs; i++)
		fprintf(out, "%s %s %.2f / %.2f", i ? "," : "", w->jobs[i].name,
			r->meas[i].cpu_ms / r->tick_ms,
			r->meas[i].runq_ms / r->tick_ms);
	fputs(_("\nTurnaround without the time the kernel gave our CPU to "
		"other programs\n(measured turnaround minus every job's "
		"run-queue time meanwhile):"), out);
	for (i = 0; i < r->njobs; i++) {
		if (r->meas[i].own_turnaround < 0)
			fprintf(out, "%s %s -", i ? "," : "", w->jobs[i].name);
		else
			fprintf(out, "%s %s %.2f", i ? "," : "",
				w->jobs[i].name,
				r->meas[i].own_turnaround / r->tick_ms);
	}
	fprintf(out, "\n");
}

static void drive_text_why(FILE *out, const struct drive_result *r)
{
	fprintf(out,
		_("\nWhy they differ: procviz follows the simulated decisions "
		"one by one, so the\norder is the same; the times drift "
		"because every decision costs real time.\n"
		"- scheduling latency: a SIGCONT'd job runs only when the "
		"kernel gives it the\n  CPU, and procviz itself must wake up "
		"(poll) to see a tick end and send the\n  next signals; each "
		"switch adds that delay to every later time.\n"
		"- signal delivery: a preempted job keeps spinning until "
		"SIGSTOP lands; that\n  CPU time counts toward its next tick.\n"
		"- timer granularity: /proc is read every %d ms, so first "
		"run, finish and\n  waiting are known to about %.2f tick.\n"
		"- the kernel's own choices: the jobs share CPU %d with "
		"whatever else runs\n  there; CPU the kernel gives to others "
		"stretches a job's tick in wall time\n  (ticks are the job's "
		"own CPU time), and IO ends when procviz gets to it.\n"),
		r->sample_ms, (double)r->sample_ms / r->tick_ms, r->cpu);
}

static void drive_text(FILE *out, const struct schedreq *req,
		       const struct drive_result *r)
{
	double sum_diff[5] = { 0 };
	int n_meas = 0, i, k;

	drive_text_head(out, req, r);
	for (i = 0; i < r->njobs; i++)
		n_meas += drive_text_row(out, r, i, sum_diff);
	drive_text_order(out, r);
	if (n_meas) {
		fputs(_("mean difference (measured - simulated, ticks):"),
		      out);
		for (k = 0; k < 5; k++)
			fprintf(out, " %s %+.2f", drive_metric[k],
				sum_diff[k] / n_meas);
		fprintf(out, "\n");
	}
	drive_text_kernel(out, r);
	drive_text_why(out, r);
}

static void drive_json(FILE *out, const struct schedreq *req,
		       const struct drive_result *r)
{
	const struct sched_workload *w = sched_sim_workload(r->sim);
	int i, k, *o;

	fprintf(out, "{\"command\":\"drive\",\"workload\":");
	json_fput_string(out, req->title);
	fprintf(out, ",\"policy\":");
	json_fput_string(out, sched_sim_policy(r->sim));
	fprintf(out, ",\"tick_ms\":%d,\"sample_ms\":%d,\"cpu\":%d,"
		"\"interrupted\":%s,\"units\":\"ticks\",\"jobs\":[",
		r->tick_ms, r->sample_ms, r->cpu,
		r->interrupted ? "true" : "false");
	for (i = 0; i < r->njobs; i++) {
		struct drive_row row;

		drive_row(r, i, &row);
		fprintf(out, "%s{\"name\":", i ? "," : "");
		json_fput_string(out, w->jobs[i].name);
		fprintf(out, ",\"pid\":%d,\"arrival\":%ld,\"simulated\":{",
			r->meas[i].pid, w->jobs[i].arrival);
		for (k = 0; k < 5; k++) {
			fprintf(out, "%s\"%s\":", k ? "," : "", drive_metric[k]);
			if (row.sim[k] < 0)
				fprintf(out, "null");
			else
				fprintf(out, "%ld", row.sim[k]);
		}
		fprintf(out, "},\"measured\":{");
		for (k = 0; k < 5; k++) {
			fprintf(out, "%s\"%s\":", k ? "," : "", drive_metric[k]);
			if (row.meas[k] < 0)
				fprintf(out, "null");
			else
				fprintf(out, "%.3f", row.meas[k]);
		}
		fprintf(out, "},\"kernel\":{\"cpu\":%.3f,\"runqueue_wait\":"
			"%.3f,\"own_turnaround\":", r->meas[i].cpu_ms / r->tick_ms,
			r->meas[i].runq_ms / r->tick_ms);
		if (r->meas[i].own_turnaround < 0)
			fprintf(out, "null}}");
		else
			fprintf(out, "%.3f}}",
				r->meas[i].own_turnaround / r->tick_ms);
	}
	fprintf(out, "],\"finish_order\":{");
	o = calloc((size_t)r->njobs, sizeof(*o));
	for (k = 0; o && k < 2; k++) {
		drive_order(r, k == 1, o);
		fprintf(out, "%s\"%s\":[", k ? "," : "",
			k ? "measured" : "simulated");
		for (i = 0; i < r->njobs; i++) {
			fprintf(out, "%s", i ? "," : "");
			json_fput_string(out, w->jobs[o[i]].name);
		}
		fprintf(out, "]");
	}
	free(o);
	fprintf(out, "}}\n");
}

/* ---- the command ------------------------------------------------------- */

/* What drive refuses of a valid sched request: 0, or CLI_USAGE + err. */
static int drive_check(const struct schedreq *req, char *err,
		       size_t errlen)
{
	/* Without --policy the default list has several. */
	if (req->npolicies != 1)
		snprintf(err, errlen, "%s",
			 _("--policy: give exactly one policy"));
	else if (req->format != REPORT_SCHED_TEXT &&
		 req->format != REPORT_SCHED_JSON)
		snprintf(err, errlen, "%s",
			 _("--format: drive writes text or json"));
	else if (req->explain)
		snprintf(err, errlen, "%s",
			 _("--explain: not available for drive (use procviz "
			   "sched --explain)"));
	else if (req->workload.njobs > DRIVE_JOBS_MAX)
		snprintf(err, errlen, _("drive runs at most %d jobs, the "
					"workload has %d"), DRIVE_JOBS_MAX,
			 req->workload.njobs);
	else
		return CLI_OK;
	return CLI_USAGE;
}

/* The live view of the drive. */
static int drive_show_ui(const struct schedreq *req,
			 const struct drive_config *cfg)
{
	struct ui_view *v;
	char err[1024];

	if (ui_check_terminal("drive"))
		return CLI_FAIL;
	v = ui_drive_view_new(&req->workload, req->title, req->policies[0],
			      &req->opts, cfg, err, sizeof(err));
	if (!v)
		return cli_fail("drive", "%s", err);
	return ui_main(&v, 1, cmd_home_view, NULL);
}

/* Run the jobs, then the report (to --output or stdout). */
static int drive_headless(const struct schedreq *req,
			  const struct drive_config *cfg)
{
	struct drive_result res;
	FILE *out = stdout;
	char err[1024];
	int rc = CLI_OK;

	if (req->output) {
		out = cli_open_output("drive", "--output", req->output);
		if (!out)
			return CLI_USAGE;
	}
	drive_result_init(&res);
	cli_catch_signals();
	if (drive_run(&req->workload, req->policies[0], &req->opts, cfg,
		      &cli_stop_requested, &res, err, sizeof(err)) < 0) {
		rc = cli_fail("drive", "%s", err);
	} else {
		if (req->format == REPORT_SCHED_JSON)
			drive_json(out, req, &res);
		else
			drive_text(out, req, &res);
		if (fflush(out) != 0 || res.interrupted)
			rc = CLI_FAIL;
	}
	rc = cli_close_output("drive", "--output", req->output, out, rc);
	drive_result_clear(&res);
	return rc;
}

int cmd_drive(int argc, char **argv)
{
	struct drive_args args = { DRIVE_TICK_MS_DEFAULT, -1 };
	struct args_set own = { drive_options, ARRAY_SIZE(drive_options),
				NULL, &args };
	struct drive_config cfg = { 0 };
	struct schedreq req;
	char err[1024] = "";
	int rc;

	if (argc >= 2 && strcmp(argv[1], DRIVE_JOB_OPTION) == 0)
		return drive_job_main(argc, argv);
	schedreq_init(&req);
	rc = schedreq_parse_extra(&req, &own, argc, argv, err,
				       sizeof(err)) ? CLI_USAGE : CLI_OK;
	if (rc == CLI_OK && req.help)
		fputs(_(drive_usage), stdout);
	else if (rc == CLI_OK)
		rc = drive_check(&req, err, sizeof(err));
	if (rc != CLI_OK) {
		cli_say("drive", "%s", err);
	} else if (!req.help) {
		cfg.tick_ms = args.tick_ms;
		cfg.cpu = args.cpu;
		cfg.sample_ms = 0;
		rc = req.headless ? drive_headless(&req, &cfg) :
				    drive_show_ui(&req, &cfg);
	}
	schedreq_clear(&req);
	return rc;
}
