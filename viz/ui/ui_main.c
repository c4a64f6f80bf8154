/*
 * viz/ui/ui_main.c - the one entry point front ends call to show views.
 */
#include "viz/ui/ui.h"
#include "viz/ui/ui_views.h"

#include <stdio.h>

int ui_main(struct ui_view **views, int n, ui_home_fn home, void *home_arg)
{
	char err[256];
	struct ui *ui = ui_open(err, sizeof(err));
	int i;

	if (!ui) {
		for (i = 0; i < n; i++)
			views[i]->free(views[i]);
		fprintf(stderr, "procviz: %s\n", err);
		return 1;
	}
	ui_set_home(ui, home, home_arg);
	ui_run(ui, views, n, 0);
	ui_close(ui);
	return 0;
}
