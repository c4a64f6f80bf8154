/*
 * scenarios/lineio.c - one line over a socket (lineio.h).
 */
#include "scenarios/lineio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

ssize_t lineio_read(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got + 1 < len) {
		ssize_t n = read(fd, buf + got, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || buf[got] == '\n')
			break;
		got++;
	}
	if (len)
		buf[got] = '\0';
	return (ssize_t)got;
}

int lineio_request(int domain, const struct sockaddr *addr, socklen_t alen,
		   const char *req, char *out, size_t len)
{
	int fd = socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct iovec line[2] = { { (void *)req, strlen(req) },
				 { (void *)"\n", 1 } };
	int e;

	if (fd < 0)
		return -1;
	/* One write: the request and its newline arrive together. */
	if (connect(fd, addr, alen) < 0 ||
	    writev(fd, line, 2) != (ssize_t)(line[0].iov_len + 1)) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	lineio_read(fd, out, len);
	close(fd);
	return 0;
}
