/*
 * tests/helpers/fork_storm.c - fork N short-lived children as fast as
 * possible (bounded: at most BATCH alive or unreaped at a time), then exit.
 *
 *   fork_storm N [BATCH]     N children (default 2000), BATCH default 64
 *
 * Each child exits at once with status 0; the parent reaps every batch
 * before forking the next.  Used by the stress test: the observer must
 * count exactly N + 1 processes when the connector is available.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
	long batch = argc > 2 ? strtol(argv[2], NULL, 10) : 64;
	long done = 0, i, alive;

	if (n < 0 || batch < 1) {
		fprintf(stderr, "usage: fork_storm [N [BATCH]]\n");
		return 2;
	}
	while (done < n) {
		alive = 0;
		for (i = 0; i < batch && done < n; i++, done++) {
			pid_t pid = fork();

			if (pid < 0) {
				perror("fork_storm: fork");
				return 1;
			}
			if (pid == 0)
				_exit(0);
			alive++;
		}
		while (alive > 0 && wait(NULL) > 0)
			alive--;
	}
	return 0;
}
