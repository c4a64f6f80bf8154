/*
 * viz/cmd/cmd_sched.c - `procviz sched [WORKLOAD] [options]`.
 *
 * Parses the request (viz/cmd/schedreq.c), then writes the report of
 * every requested policy (viz/core/report_sched.c).  Without --headless the
 * scheduler view of the UI opens instead (viz/ui/ui_sched.c).
 */
#include "viz/cmd/cli.h"
#include "viz/cmd/cli_theme.h"
#include "common/i18n.h"
#include "viz/cmd/cmd_home.h"
#include "viz/core/report_html.h"
#include "viz/core/report_sched.h"
#include "viz/cmd/schedreq.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int cmd_sched(int argc, char **argv)
{
	struct schedreq req;
	struct report_sched rep;
	struct report_html_config html;
	char err[1024];
	FILE *out = stdout;
	int rc;

	schedreq_init(&req);
	rc = schedreq_parse(&req, argc, argv, err, sizeof(err));
	if (rc) {
		schedreq_clear(&req);
		return cli_bad_input("sched", "%s", err);
	}
	if (req.help) {
		int i;

		fputs(_(schedreq_usage), stdout);
		fputs(_("\nPolicies:\n"), stdout);
		for (i = 0; sched_policy_names[i]; i++)
			printf("  %s\n",
			       sched_policy_describe(sched_policy_names[i]));
		schedreq_clear(&req);
		return CLI_OK;
	}
	if (req.format == REPORT_SCHED_HTML)
		req.headless = true;	/* a page, never the terminal UI */
	if (!req.headless && ui_check_terminal("sched")) {
		schedreq_clear(&req);
		return CLI_FAIL;
	}
	if (!req.headless) {
		struct ui_view *v = ui_sched_view_new(&req.workload, req.title,
			(const char *const *)req.policies, req.npolicies,
			&req.opts, err, sizeof(err));

		schedreq_clear(&req);
		if (!v)
			return cli_fail("sched", "%s", err);
		return ui_main(&v, 1, cmd_home_view, NULL);
	}
	schedreq_report(&req, &rep);
	if (req.output) {
		out = cli_open_output("sched", "--output", req.output);
		if (!out) {
			schedreq_clear(&req);
			return CLI_USAGE;
		}
	}
	cli_theme_html(&html);
	rc = rep.format == REPORT_SCHED_HTML ?
		report_html_sched(out, &rep, &html, err, sizeof(err)) :
		report_sched_write(out, &rep, err, sizeof(err));
	if (rc == -EINVAL) {
		rc = cli_bad_input("sched", "%s", err);
	} else if (rc) {
		rc = cli_fail("sched", "%s", err);
	}
	rc = cli_close_output("sched", "--output", req.output,
			      req.output ? out : NULL, rc);
	schedreq_clear(&req);
	return rc;
}
