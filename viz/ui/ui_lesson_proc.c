/*
 * viz/ui/ui_lesson_proc.c - the lesson view's htop habits on the selected
 * process: F7/] and F8/[ renice it (nice -1 / +1), a sets its CPU
 * affinity, / filters the rows by name.  The changes go through
 * viz/core/procctl.c; the class then sees the running and ready shares
 * move in the timelines (cpuio).  Only live processes: a recording has
 * none, and its own [ ] keys go on working.
 */
#define _GNU_SOURCE		/* cpu_set_t, strcasestr */
#include "viz/core/procctl.h"
#include "viz/ui/ui_lesson.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { LV_PROMPT_FILTER = 1, LV_PROMPT_AFFINITY };

bool lv_live(struct ui_view *v, struct ui *ui)
{
	return observer_live(((struct lesson_view *)v->data)->o);
}

/* The selected process if it is still there, else a warning and NULL. */
static const struct model_proc *lv_target(struct lesson_view *lv,
					  struct ui *ui)
{
	const struct model_proc *p =
		model_find(observer_model(lv->o), lv->selected_pid);

	if (!p || p->state == MODEL_ST_ZOMBIE)
		ui_warn(ui, "select a live process first (Up/Down)");
	return p && p->state != MODEL_ST_ZOMBIE ? p : NULL;
}

static const char *lv_why(int rc)
{
	return rc == -EACCES || rc == -EPERM ?
	       _("not permitted: lowering nice needs root (CAP_SYS_NICE)") :
	       strerror(-rc);
}

enum ui_action lv_renice(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	const struct model_proc *p = lv_target(lv, ui);
	int delta = key == UI_KEY_F7 || key == ']' ? -1 : 1, nice, rc;

	if (!p)
		return UI_ACT_REDRAW;
	rc = procctl_nice_get(p->pid, &nice);
	if (!rc)
		rc = procctl_nice_set(p->pid, nice + delta);
	if (!rc)
		rc = procctl_nice_get(p->pid, &nice);
	if (rc)
		ui_warn(ui, "renice %d %s: %s", p->pid, p->comm, lv_why(rc));
	else if (delta < 0)
		ui_warn(ui, "%d %s: nice %d (a higher priority)", p->pid,
			p->comm, nice);
	else
		ui_warn(ui, "%d %s: nice %d (a lower priority)", p->pid,
			p->comm, nice);
	return UI_ACT_REDRAW;
}

enum ui_action lv_affinity(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	const struct model_proc *p = lv_target(lv, ui);
	char label[96], now[64];
	cpu_set_t set;

	if (!p)
		return UI_ACT_REDRAW;
	now[0] = '\0';
	if (procctl_affinity_get(p->pid, &set) == 0)
		procctl_cpulist_format(&set, now, sizeof(now));
	snprintf(label, sizeof(label), _("CPUs for %d %s (now %s, this "
		 "machine 0-%ld):"), p->pid, p->comm, now[0] ? now : "?",
		 sysconf(_SC_NPROCESSORS_CONF) - 1);
	lv->prompt_pid = p->pid;
	ui_prompt_open(&lv->prompt, LV_PROMPT_AFFINITY, label, now, false);
	return UI_ACT_REDRAW;
}

enum ui_action lv_filter(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	snprintf(lv->filter_before, sizeof(lv->filter_before), "%s",
		 lv->filter);
	ui_prompt_open(&lv->prompt, LV_PROMPT_FILTER,
		       _("show the rows whose name has:"), lv->filter, true);
	return UI_ACT_REDRAW;
}

static void lv_affinity_apply(struct lesson_view *lv, struct ui *ui)
{
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);
	const struct model_proc *p =
		model_find(observer_model(lv->o), lv->prompt_pid);
	char err[128], now[64];
	cpu_set_t set;
	int rc;

	if (!p) {
		ui_warn(ui, "process %d is gone", lv->prompt_pid);
		return;
	}
	if (procctl_cpulist_parse(lv->prompt.text, ncpus > 0 ? (int)ncpus : 1,
				  &set, err, sizeof(err))) {
		ui_warn(ui, "CPUs '%s': %s", lv->prompt.text, err);
		return;
	}
	rc = procctl_affinity_set(p->pid, &set);
	if (!rc)
		rc = procctl_affinity_get(p->pid, &set);
	if (rc) {
		ui_warn(ui, "affinity of %d %s: %s", p->pid, p->comm,
			strerror(-rc));
		return;
	}
	procctl_cpulist_format(&set, now, sizeof(now));
	ui_warn(ui, "%d %s may run on CPUs %s", p->pid, p->comm, now);
}

/* Every key while the prompt is open. */
enum ui_action lv_prompt_key(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	enum ui_prompt_result r = ui_prompt_key(&lv->prompt, key);

	if (lv->prompt.purpose == LV_PROMPT_FILTER) {
		/* The rows follow the typing; Esc puts the old filter back. */
		snprintf(lv->filter, sizeof(lv->filter), "%s",
			 r == UI_PROMPT_CANCEL ? lv->filter_before :
			 lv->prompt.text);
	} else if (r == UI_PROMPT_DONE) {
		lv_affinity_apply(lv, ui);
	}
	return UI_ACT_REDRAW;
}

bool lv_filter_match(const struct lesson_view *lv, const struct model_proc *p)
{
	/* The command line too, unless it is a lesson's re-exec line,
	 * which every process of the lesson shares. */
	return !lv->filter[0] || strcasestr(p->comm, lv->filter) ||
	       (!strstr(p->cmdline, "--scenario-process") &&
		strcasestr(p->cmdline, lv->filter));
}
