/*
 * tests/helpers/waits.c - waits [LIVE_MS]
 *
 * One process ("waits-main") whose threads and children each block in one
 * known way for LIVE_MS (default 3000), then everything ends cleanly:
 *   thread  "mutex-wait"   pthread_mutex_lock on a mutex main holds  (lock)
 *   thread  "sem-wait"     sem_wait on a semaphore at 0              (lock)
 *   thread  "cond-wait"    pthread_cond_wait                         (lock)
 *   child   "pipe-reader"  read() on an empty pipe                   (pipe)
 *   child   "sleeper"      nanosleep                                 (sleep)
 *   child   "server"       accept() on 127.0.0.1, an ephemeral port  (socket)
 *   child   "waiter"       waitpid() for its own child "napper"      (child)
 *   child   "hidden"       nanosleep, made not dumpable: its syscall and
 *                          wchan are hidden from its own user (not root)
 * Children die with their parent (PR_SET_PDEATHSIG), so a killed run
 * leaves nothing behind.  The main thread sleeps in nanosleep meanwhile.
 * Every name is set with prctl / pthread_setname_np, so a test finds them
 * by comm.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long live_ms = 3000;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cond_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int cond_go;
static sem_t sem;

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0)
		;
}

static void *mutex_wait(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "mutex-wait");
	pthread_mutex_lock(&mutex);
	pthread_mutex_unlock(&mutex);
	return NULL;
}

static void *sem_waiter(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "sem-wait");
	while (sem_wait(&sem) < 0)
		;
	return NULL;
}

static void *cond_wait(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "cond-wait");
	pthread_mutex_lock(&cond_mutex);
	while (!cond_go)
		pthread_cond_wait(&cond, &cond_mutex);
	pthread_mutex_unlock(&cond_mutex);
	return NULL;
}

static pid_t child(const char *name)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_NAME, name, 0, 0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	}
	return pid;
}

static void serve(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(s, 1))
		_exit(1);
	accept(s, NULL, NULL);		/* until SIGTERM */
	_exit(0);
}

int main(int argc, char **argv)
{
	pthread_t t[3];
	pid_t kids[5];
	int p[2], i;
	char c;

	if (argc > 1)
		live_ms = atol(argv[1]);
	prctl(PR_SET_NAME, "waits-main", 0, 0, 0);
	if (pipe(p) || sem_init(&sem, 0, 0))
		return 1;
	pthread_mutex_lock(&mutex);
	pthread_create(&t[0], NULL, mutex_wait, NULL);
	pthread_create(&t[1], NULL, sem_waiter, NULL);
	pthread_create(&t[2], NULL, cond_wait, NULL);
	if ((kids[0] = child("pipe-reader")) == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	if ((kids[1] = child("sleeper")) == 0) {
		nap(live_ms);
		_exit(0);
	}
	if ((kids[2] = child("server")) == 0)
		serve();
	if ((kids[3] = child("waiter")) == 0) {
		pid_t g = child("napper");

		if (g == 0) {
			nap(live_ms);
			_exit(0);
		}
		waitpid(g, NULL, 0);
		_exit(0);
	}
	if ((kids[4] = child("hidden")) == 0) {
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
		nap(live_ms);
		_exit(0);
	}
	nap(live_ms);
	pthread_mutex_unlock(&mutex);
	sem_post(&sem);
	pthread_mutex_lock(&cond_mutex);
	cond_go = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&cond_mutex);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	close(p[1]);			/* the reader sees end of file */
	kill(kids[2], SIGTERM);
	for (i = 0; i < 5; i++)
		waitpid(kids[i], NULL, 0);
	return 0;
}
