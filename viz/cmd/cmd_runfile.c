/*
 * viz/cmd/cmd_runfile.c - `procviz run FILE` (cmd_runfile.h).
 *
 * Headless, a struct lrun (viz/core/lesson_run.h) drives the run and the
 * report sink prints it; the observer's events go first to the lesson's
 * triggers, then to the report.  Without --headless the lesson view shows
 * it (viz/ui/ui_lesson_file.c).  Either way the header goes out once the
 * command is launched and before it is followed, as for `run NAME`.
 */
#include "viz/cmd/cmd_runfile.h"

#include "common/i18n.h"
#include "scenarios/scenario.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/core/lesson_dirs.h"
#include "viz/core/lesson_run.h"
#include "viz/core/record.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

bool runfile_is_file(const char *name)
{
	size_t n = strlen(name);

	if (strchr(name, '/'))
		return true;
	if ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0))
		return true;
	return !scen_find(name) && access(name, F_OK) == 0;
}

/* The sink: the lesson's triggers see each event, then the report. */
struct runfile_sink {
	struct report_obs report;
	struct lrun *run;
};

static void runfile_event(const struct model_event *ev, void *arg)
{
	struct runfile_sink *s = arg;

	if (s->run)
		lrun_event(ev, s->run);
	report_obs_event(ev, &s->report);
}

static int runfile_headless(const struct lesson_file *lf,
			    const struct runfile_opts *o,
			    struct recorder *rec, FILE *out)
{
	struct lrun_opts lo = { .headless = true, .subreaper = o->subreaper,
				.duration_ms = o->obs->duration_ms };
	struct observer_config cfg = {
		.interval_ms = o->obs->interval_ms,
		.trace = true,		/* as watch: lrun_follow() */
		.reap_children = true,
		.threads = o->obs->threads || lf->threads,
		.sink = runfile_event,
	};
	struct runfile_sink sink = { .run = NULL };
	struct report_obs_header h;
	struct observer *obs;
	int64_t fail_after_ms;
	char err[1024];
	int rc;

	cli_catch_signals();
	report_obs_init(&sink.report, out, o->obs->format);
	sink.report.stop = &cli_stop_requested;
	cfg.sink_arg = &sink;
	if (rec) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = rec;
	}
	cli_test_fail_arm(&cfg, &fail_after_ms);
	cli_observer_env(&cfg);
	obs = observer_new(&cfg);
	if (!obs)
		return cli_fail("run", "cannot start observing: %s",
				strerror(errno));
	sink.run = lrun_new(lf, &lo, obs);
	fflush(stdout);
	rc = sink.run ? lrun_launch(sink.run, err, sizeof(err)) : -ENOMEM;
	if (rc < 0)
		goto out;
	lrun_header(sink.run, &h);
	report_obs_header(&sink.report, &h);
	if (rec)
		recorder_header(rec, &h);
	rc = lrun_go(sink.run, err, sizeof(err));
	if (rc < 0)
		goto out;
	rc = lrun_run(sink.run, &cli_stop_requested);
	report_obs_summary(&sink.report, observer_model(obs));
	if (rc >= 0 && report_obs_error(&sink.report)) {
		rc = report_obs_error(&sink.report);
		snprintf(err, sizeof(err),
			 _("standard output: %s; the lesson was stopped"),
			 strerror(-rc));
	} else if (rc < 0) {
		snprintf(err, sizeof(err), _("observing failed: %s"),
			 strerror(-rc));
	}
	lrun_end(sink.run);
	if (rc >= 0 && lrun_failure(sink.run)[0]) {
		snprintf(err, sizeof(err), _("the lesson %s failed: %s"),
			 lf->path, lrun_failure(sink.run));
		rc = -ECANCELED;
	}
out:
	if (!sink.run)
		snprintf(err, sizeof(err), "out of memory");
	lrun_free(sink.run);
	observer_free(obs);
	return rc < 0 ? cli_fail("run", "%s", err) : CLI_OK;
}

struct runfile_screen {
	struct lesson_file *lf;
	struct ui_lesson_file_opts uo;
};

static struct ui_view *runfile_make_view(void *arg,
					 const struct observer_config *hook,
					 char *err, size_t errlen)
{
	struct runfile_screen *rs = arg;

	rs->uo.no_netlink = hook->no_netlink;
	rs->uo.no_ptrace = hook->no_ptrace;
	rs->uo.step_hook = hook->step_hook;
	rs->uo.step_hook_arg = hook->step_hook_arg;
	return ui_lesson_file_view_new(rs->lf, false, &rs->uo, err, errlen);
}

static int runfile_ui(struct lesson_file *lf,
		      const struct runfile_opts *o, struct recorder *rec)
{
	struct runfile_screen rs = {
		.lf = lf,
		.uo = {
			.interval_ms = o->obs->interval_ms,
			.step_mode = o->step,
			.subreaper = o->subreaper,
			.duration_ms = o->obs->duration_ms,
			.record = rec,
			.threads = o->obs->threads,
		},
	};

	return run_lesson_screen(runfile_make_view, &rs);
}

/*
 * A bare NAME.yaml that is not in the current directory: the lesson of
 * that name in the lesson directories (lesson_dirs.h), into buf.
 */
static const char *runfile_find(const char *path, char *buf, size_t len)
{
	const struct lesson_entry *e;
	struct lesson_list l;

	if (strchr(path, '/') || access(path, F_OK) == 0)
		return path;
	if (lesson_list_scan(&l, LF_LANG_EN) == 0 &&
	    (e = lesson_list_find(&l, path)) &&
	    snprintf(buf, len, "%s", e->path) < (int)len)
		path = buf;
	lesson_list_clear(&l);
	return path;
}

int runfile_main(const char *name, const struct runfile_opts *o)
{
	struct lesson_file *lf = calloc(1, sizeof(*lf));
	struct recorder *rec = NULL;
	char err[1024], found[4096];
	const char *path = runfile_find(name, found, sizeof(found));
	FILE *out = NULL;
	int rc, wrc;

	if (!lf)
		return cli_fail("run", "out of memory");
	if (lesson_file_load(path, lf, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		lesson_file_clear(lf);
		free(lf);
		return CLI_USAGE;
	}
	if (o->subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		rc = cli_fail("run", "--subreaper: %s", strerror(errno));
		goto out;
	}
	rc = obs_opts_open_output("run", o->obs, &out);
	if (rc >= 0)
		goto out;
	if (o->obs->record) {
		rec = cli_open_record("run", o->obs->record);
		if (!rec) {
			rc = cli_close_output("run", "--output",
					      o->obs->output, out, CLI_USAGE);
			goto out;
		}
	}
	rc = o->obs->headless ? runfile_headless(lf, o, rec, out) :
				runfile_ui(lf, o, rec);
	wrc = recorder_close(rec);
	if (wrc && rc == CLI_OK)
		rc = cli_fail("run", "--record: writing failed: %s",
			      strerror(-wrc));
	rc = cli_close_output("run", "--output", o->obs->output, out, rc);
out:
	lesson_file_clear(lf);
	free(lf);
	return rc;
}
